// Every operator of the reference interpreter, looked up by domain and op type.
// One file per operator (ops/<OpType>.ts); the lower-case files are helpers they share.
import { Abs } from './Abs';
import { Add } from './Add';
import { And } from './And';
import { ArgMax } from './ArgMax';
import { ArgMin } from './ArgMin';
import { AveragePool } from './AveragePool';
import { BatchNormalization } from './BatchNormalization';
import { Cast } from './Cast';
import { CastLike } from './CastLike';
import { Ceil } from './Ceil';
import { Clip } from './Clip';
import { Concat } from './Concat';
import { Constant } from './Constant';
import { ConstantOfShape } from './ConstantOfShape';
import { Conv } from './Conv';
import { ConvInteger } from './ConvInteger';
import { DequantizeLinear } from './DequantizeLinear';
import { Div } from './Div';
import { Dropout } from './Dropout';
import { Elu } from './Elu';
import { Equal } from './Equal';
import { Erf } from './Erf';
import { Exp } from './Exp';
import { Expand } from './Expand';
import { Flatten } from './Flatten';
import { Floor } from './Floor';
import { Gather } from './Gather';
import { Gelu } from './Gelu';
import { Gemm } from './Gemm';
import { GlobalAveragePool } from './GlobalAveragePool';
import { GlobalMaxPool } from './GlobalMaxPool';
import { Greater } from './Greater';
import { GreaterOrEqual } from './GreaterOrEqual';
import { HardSigmoid } from './HardSigmoid';
import { HardSwish } from './HardSwish';
import { Identity } from './Identity';
import { LayerNormalization } from './LayerNormalization';
import { LeakyRelu } from './LeakyRelu';
import { Less } from './Less';
import { LessOrEqual } from './LessOrEqual';
import { Log } from './Log';
import { LogSoftmax } from './LogSoftmax';
import { MatMul } from './MatMul';
import { MatMulInteger } from './MatMulInteger';
import { Max } from './Max';
import { MaxPool } from './MaxPool';
import { Mean } from './Mean';
import { Min } from './Min';
import { Mul } from './Mul';
import { Neg } from './Neg';
import { Not } from './Not';
import { Or } from './Or';
import { PRelu } from './PRelu';
import { Pad } from './Pad';
import { Pow } from './Pow';
import { QLinearConv } from './QLinearConv';
import { QLinearMatMul } from './QLinearMatMul';
import { QuantizeLinear } from './QuantizeLinear';
import { Range } from './Range';
import { Reciprocal } from './Reciprocal';
import { ReduceL2 } from './ReduceL2';
import { ReduceMax } from './ReduceMax';
import { ReduceMean } from './ReduceMean';
import { ReduceMin } from './ReduceMin';
import { ReduceProd } from './ReduceProd';
import { ReduceSum } from './ReduceSum';
import { Relu } from './Relu';
import { Reshape } from './Reshape';
import { Resize } from './Resize';
import { Selu } from './Selu';
import { Shape } from './Shape';
import { Sigmoid } from './Sigmoid';
import { Slice } from './Slice';
import { Softmax } from './Softmax';
import { Softplus } from './Softplus';
import { Split } from './Split';
import { Sqrt } from './Sqrt';
import { Squeeze } from './Squeeze';
import { Sub } from './Sub';
import { Sum } from './Sum';
import { Tanh } from './Tanh';
import { Tile } from './Tile';
import { Transpose } from './Transpose';
import { Unsqueeze } from './Unsqueeze';
import { Where } from './Where';
// onnxruntime contrib ops (domain com.microsoft)
import { FusedConv } from './contrib/FusedConv';
import { FusedGemm } from './contrib/FusedGemm';
import { NhwcConv } from './contrib/NhwcConv';
import { NhwcMaxPool } from './contrib/NhwcMaxPool';
import { QLinearConv as MsQLinearConv } from './contrib/QLinearConv';
import type { OpDef } from './types';

const OPS: OpDef[] = [
  Abs,
  Add,
  And,
  ArgMax,
  ArgMin,
  AveragePool,
  BatchNormalization,
  Cast,
  CastLike,
  Ceil,
  Clip,
  Concat,
  Constant,
  ConstantOfShape,
  Conv,
  ConvInteger,
  DequantizeLinear,
  Div,
  Dropout,
  Elu,
  Equal,
  Erf,
  Exp,
  Expand,
  Flatten,
  Floor,
  Gather,
  Gelu,
  Gemm,
  GlobalAveragePool,
  GlobalMaxPool,
  Greater,
  GreaterOrEqual,
  HardSigmoid,
  HardSwish,
  Identity,
  LayerNormalization,
  LeakyRelu,
  Less,
  LessOrEqual,
  Log,
  LogSoftmax,
  MatMul,
  MatMulInteger,
  Max,
  MaxPool,
  Mean,
  Min,
  Mul,
  Neg,
  Not,
  Or,
  PRelu,
  Pad,
  Pow,
  QLinearConv,
  QLinearMatMul,
  QuantizeLinear,
  Range,
  Reciprocal,
  ReduceL2,
  ReduceMax,
  ReduceMean,
  ReduceMin,
  ReduceProd,
  ReduceSum,
  Relu,
  Reshape,
  Resize,
  Selu,
  Shape,
  Sigmoid,
  Slice,
  Softmax,
  Softplus,
  Split,
  Sqrt,
  Squeeze,
  Sub,
  Sum,
  Tanh,
  Tile,
  Transpose,
  Unsqueeze,
  Where,
  // onnxruntime contrib ops (com.microsoft) that graph optimization produces
  FusedConv,
  FusedGemm,
  NhwcConv,
  NhwcMaxPool,
  MsQLinearConv,
];

const byKey = new Map(OPS.map((op) => [`${op.domain}::${op.opType}`, op]));

export function lookupOp(domain: string, opType: string): OpDef | undefined {
  return byKey.get(`${domain}::${opType}`);
}

/** Names of the supported operators ("Conv", "com.microsoft::FusedConv"). */
export const supportedOps = (): string[] =>
  OPS.map((op) => (op.domain ? `${op.domain}::${op.opType}` : op.opType));
