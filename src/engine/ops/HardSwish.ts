import { FLOATS } from './check';
import { unaryOp } from './elementwise';

// x · HardSigmoid(x) with alpha = 1/6, beta = 0.5 (Howard et al., "Searching for MobileNetV3", 2019)
export const HardSwish = unaryOp('HardSwish', FLOATS, () => (x) => x * Math.max(0, Math.min(1, x / 6 + 0.5)));
