import { argOp } from './argextreme';

export const ArgMin = argOp('ArgMin', (v, best) => v < best);
