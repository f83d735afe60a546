// What a model is fed in the side-by-side lab: a zoo model says so in the manifest; a model the reader
// brings is judged by its input. One float input [batch, 1, 8, 8] is taken for a digits classifier (the
// app's own digits, scaled 0–16 → 0–1 as the zoo's models expect); any other square image input
// [batch, C, S, S] gets seeded synthetic images, and only agreement between float and int8 can be measured.
import { ModelError, type Preprocessing, type ValueInfo, type ZooModel } from '../../engine';

export interface DataPlan {
  inputName: string;
  preprocessing: Preprocessing;
}

const DIGITS_8X8: Preprocessing = { kind: 'digits', layout: 'NCHW', size: 8, divideBy: 16, upsample: 1 };
/** Largest synthetic image side accepted for a model the reader brings. */
const MAX_SIDE = 1024;

export function dataPlanFor(zoo: ZooModel | null, inputs: readonly ValueInfo[]): DataPlan {
  if (zoo) return { inputName: zoo.inputs[0].name, preprocessing: zoo.preprocessing };
  if (inputs.length !== 1)
    throw new ModelError(
      'unsupported',
      `this lab needs a model with one image input; this one has ${inputs.length} inputs (${inputs.map((v) => v.name).join(', ') || 'none'})`,
    );
  const [input] = inputs;
  const type = input.type;
  if (!type || type.dtype !== 'float32')
    throw new ModelError(
      'unsupported',
      `input "${input.name}" must be float32, it is ${type?.dtype ?? 'untyped'}`,
    );
  const shape = type.shape;
  if (!shape || shape.length !== 4)
    throw new ModelError(
      'unsupported',
      `input "${input.name}" must be an image batch [batch, channels, height, width], it is [${shape?.join(', ') ?? '?'}]`,
    );
  const [, c, h, w] = shape;
  if (
    typeof c !== 'number' ||
    typeof h !== 'number' ||
    typeof w !== 'number' ||
    h !== w ||
    h < 1 ||
    h > MAX_SIDE ||
    c < 1 ||
    c > 16
  )
    throw new ModelError(
      'unsupported',
      `input "${input.name}" is [${shape.join(', ')}]; this lab needs fixed, square images [batch, C ≤ 16, S, S] with S ≤ ${MAX_SIDE}`,
    );
  if (c === 1 && h === 8) return { inputName: input.name, preprocessing: DIGITS_8X8 };
  return {
    inputName: input.name,
    preprocessing: { kind: 'synthetic', layout: 'NCHW', channels: c, size: h },
  };
}
