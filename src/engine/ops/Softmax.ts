import { softmaxOp } from './softmaxFamily';

export const Softmax = softmaxOp('Softmax', false);
