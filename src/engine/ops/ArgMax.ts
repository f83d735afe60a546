import { argOp } from './argextreme';

export const ArgMax = argOp('ArgMax', (v, best) => v > best);
