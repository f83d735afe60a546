import { softmaxOp } from './softmaxFamily';

export const LogSoftmax = softmaxOp('LogSoftmax', true);
