import { unaryOp } from './elementwise';

export const Not = unaryOp('Not', ['bool'], () => (x) => (x ? 0 : 1));
