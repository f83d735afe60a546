import { binaryOp } from './elementwise';

export const Or = binaryOp({ opType: 'Or', dtypes: ['bool'], make: () => (a, b) => (a || b ? 1 : 0) });
