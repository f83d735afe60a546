import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const Sub = binaryOp({ opType: 'Sub', dtypes: NUMERIC, make: () => (a, b) => a - b });
