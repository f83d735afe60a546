// Real activations for the layout viewer: digits-cnn from the model zoo, run by the engine's reference
// interpreter on the first test digit, stopped at the tensor asked for. The model and the digits are fetched
// once per page and verified against the manifest.
import { decodeModel, digitsToModelInput, parseDigitSet, run, type Model, type Tensor } from '../../engine';
import { loadZooModel } from '../../workers/modelZoo';

export const ACTIVATION_MODEL = 'digits-cnn';

/** Tensors of digits-cnn small enough to draw element by element, with their dims. */
export const ACTIVATIONS = [
  { id: 'input', value: 'input', dims: [1, 1, 8, 8] },
  { id: 'conv1', value: '/block1/block1.2/Relu_output_0', dims: [1, 16, 8, 8] },
  { id: 'pool1', value: '/pool1/MaxPool_output_0', dims: [1, 32, 4, 4] },
  { id: 'pool2', value: '/pool2/MaxPool_output_0', dims: [1, 64, 2, 2] },
] as const;

export type ActivationId = (typeof ACTIVATIONS)[number]['id'];

interface Loaded {
  model: Model;
  input: Tensor<'float32'>;
  label: number;
}

let loading: Promise<Loaded> | null = null;

async function load(base: string): Promise<Loaded> {
  const { model: entry, bytes } = await loadZooModel(ACTIVATION_MODEL, base);
  if (entry.preprocessing.kind !== 'digits' || !entry.dataset)
    throw new Error(`${ACTIVATION_MODEL} does not take digits`);
  const response = await fetch(`${base}data/digits-test.bin`);
  if (!response.ok) throw new Error(`could not fetch the test digits: HTTP ${response.status}`);
  const digits = parseDigitSet(new Uint8Array(await response.arrayBuffer()));
  const first = { dtype: 'uint8', dims: [1, 8, 8], data: digits.images.data.slice(0, 64) } as Tensor<'uint8'>;
  return {
    model: decodeModel(new Uint8Array(bytes)),
    input: digitsToModelInput(first, entry.preprocessing),
    label: digits.labels.data[0],
  };
}

/** The activation `id` of digits-cnn on the first test digit (whose true label is returned too). */
export async function loadActivation(
  id: ActivationId,
  base: string,
): Promise<{ tensor: Tensor<'float32'>; label: number }> {
  const spec = ACTIVATIONS.find((a) => a.id === id)!;
  loading ??= load(base).catch((e: unknown) => {
    loading = null; // let a later attempt try again
    throw e;
  });
  const { model, input, label } = await loading;
  const tensor =
    spec.value === 'input'
      ? input
      : (run(model, { input }, { outputs: [spec.value] })[spec.value] as Tensor<'float32'>);
  return { tensor, label };
}
