import { binaryOp } from './elementwise';

export const And = binaryOp({ opType: 'And', dtypes: ['bool'], make: () => (a, b) => (a && b ? 1 : 0) });
