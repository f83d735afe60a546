import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const Add = binaryOp({ opType: 'Add', dtypes: NUMERIC, make: () => (a, b) => a + b });
