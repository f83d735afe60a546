// The inside of the quantization Worker: opened models by handle, the explorer's tensors under every
// calibration method. It receives a `post` function, so the same code runs in the browser Worker
// (quant.worker.ts) and in Node in the unit tests.
import {
  ModelError,
  calibrationSetFor,
  chainCalibration,
  convChain,
  decodeModel,
  encodeModel,
  exploreTensor,
  layerKind,
  quantTargets,
  quantizeModel,
  run,
  type CalibrationSet,
  type LayerKindId,
  type Model,
  type ModelRunner,
  type QuantScheme,
  type QuantTarget,
  type Tensor,
} from '../engine';
import { serializeError } from './ortService';
import type {
  ExploreSettings,
  QuantRequest,
  QuantResponse,
  QuantizeSettings,
  SyntheticInputs,
} from './quantProtocol';

export interface QuantServiceEnv {
  post(message: QuantResponse, transfer?: Transferable[]): void;
  now(): number;
  /** What whole-model quantization runs the models with (onnxruntime-web in the Worker); the interpreter if absent. */
  runner?: () => Promise<ModelRunner>;
}

/** Bins of the histogram sent for drawing (the range choosers use the full-resolution one). */
export const DISPLAY_BINS = 160;
/** Activations kept per model: switching back to a recent one does not run the model again. */
const CACHED_ACTIVATIONS = 4;

interface Opened {
  model: Model;
  targets: QuantTarget[];
  calibration: Record<string, Tensor> | undefined;
  activations: Map<string, Tensor>;
}

/** The explorer's two schemes: symmetric signed (zero point 0) or asymmetric unsigned, at 2–8 bits. */
export const schemeOf = (s: ExploreSettings): QuantScheme => ({
  bits: s.bits,
  signed: s.symmetric,
  symmetric: s.symmetric,
});

/** The bytes in a buffer of their own, so that it can be transferred to the page. */
const ownBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;

export function createQuantService(env: QuantServiceEnv) {
  const opened = new Map<number, Opened>();
  let nextHandle = 1;
  let queue: Promise<void> = Promise.resolve();

  function get(handle: number): Opened {
    const o = opened.get(handle);
    if (!o) throw new ModelError('input', `no model ${handle} is open in the quantization worker`);
    return o;
  }

  function open(id: number, bytes: ArrayBuffer, calibration: Record<string, Tensor> | undefined) {
    if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0)
      throw new ModelError('parse', 'the model file is empty');
    const model = decodeModel(new Uint8Array(bytes));
    const targets = quantTargets(model);
    const handle = nextHandle++;
    opened.set(handle, { model, targets, calibration, activations: new Map() });
    const { graph } = model;
    const inputs = graph.inputs.filter((v) => !graph.initializers.has(v.name));
    env.post({ kind: 'opened', id, handle, targets, inputs, outputs: graph.outputs });
  }

  /** The value's float data: the initializer of a weight, or the activation over the calibration set. */
  function tensorOf(o: Opened, value: string): Tensor {
    const target = o.targets.find((t) => t.value === value);
    if (!target) throw new ModelError('input', `the model has no weight or activation named "${value}"`);
    if (target.kind === 'weight') return o.model.graph.initializers.get(value)!;
    const cached = o.activations.get(value);
    if (cached) return cached;
    if (!o.calibration)
      throw new ModelError('input', 'this model was opened without inputs to compute activations on');
    const computed = run(o.model, o.calibration, { outputs: [value] })[value];
    o.activations.set(value, computed);
    if (o.activations.size > CACHED_ACTIVATIONS) o.activations.delete(o.activations.keys().next().value!);
    return computed;
  }

  function explore(id: number, handle: number, value: string, settings: ExploreSettings) {
    const o = get(handle);
    const t0 = env.now();
    const x = tensorOf(o, value);
    if (x.dtype !== 'float32' && x.dtype !== 'float16')
      throw new ModelError('unsupported', `"${value}" is ${x.dtype}; only float tensors are quantized`);
    const target = o.targets.find((t) => t.value === value)!;
    const axis = settings.perChannel && target.axis !== null ? target.axis : null;
    const exploration = exploreTensor(value, x as Tensor<'float32'>, {
      scheme: schemeOf(settings),
      axis,
      percentile: settings.percentile,
      displayBins: DISPLAY_BINS,
    });
    env.post({ kind: 'explored', id, exploration, dims: [...x.dims], ms: env.now() - t0 });
  }

  async function quantize(
    id: number,
    handle: number,
    calibration: CalibrationSet,
    analysis: CalibrationSet | undefined,
    settings: QuantizeSettings,
  ) {
    const { model } = get(handle);
    const runner = env.runner ? await env.runner() : undefined;
    const { model: quantized, report } = await quantizeModel(
      model,
      calibration,
      {
        ...settings,
        analysis,
        onProgress: ({ stage, done, total }) => env.post({ kind: 'progress', id, stage, done, total }),
      },
      runner,
    );
    const buffer = ownBuffer(encodeModel(quantized));
    env.post({ kind: 'quantized', id, model: buffer, report }, [buffer]);
  }

  async function chain(id: number, kindId: LayerKindId) {
    const kind = layerKind(kindId);
    const model = convChain(kind);
    const runner = env.runner ? await env.runner() : undefined;
    const { model: quantized } = await quantizeModel(
      model,
      chainCalibration(kind),
      {
        method: 'minmax',
        onProgress: ({ stage, done, total }) => env.post({ kind: 'progress', id, stage, done, total }),
      },
      runner,
    );
    const float = ownBuffer(encodeModel(model));
    const int8 = ownBuffer(encodeModel(quantized));
    env.post({ kind: 'chain', id, float, int8 }, [float, int8]);
  }

  function synthesize(id: number, spec: SyntheticInputs) {
    const { preprocessing, inputName, count, batchSize, seed } = spec;
    const batches = calibrationSetFor(preprocessing, inputName, null, { count, batchSize, seed });
    const buffers = batches.flatMap((b) =>
      Object.values(b).map((t) => (t.data as Float32Array).buffer as ArrayBuffer),
    );
    env.post({ kind: 'synthesized', id, batches }, buffers);
  }

  function dispatch(request: QuantRequest): void | Promise<void> {
    switch (request.kind) {
      case 'open':
        return open(request.id, request.model, request.calibration);
      case 'explore':
        return explore(request.id, request.handle, request.value, request.settings);
      case 'quantize':
        return quantize(request.id, request.handle, request.calibration, request.analysis, request.settings);
      case 'synthesize':
        return synthesize(request.id, request.spec);
      case 'chain':
        return chain(request.id, request.layerKind);
      case 'close':
        opened.delete(request.handle);
        return env.post({ kind: 'closed', id: request.id });
      default:
        throw new ModelError('input', `unknown request kind "${(request as { kind: unknown }).kind}"`);
    }
  }

  /** Handles one message in arrival order; never throws: failures are posted back for that request. */
  function handle(request: QuantRequest): Promise<void> {
    const id = typeof request?.id === 'number' ? request.id : null;
    queue = queue.then(async () => {
      try {
        await dispatch(request);
      } catch (e) {
        env.post({ kind: 'error', id, error: serializeError(e) });
      }
    });
    return queue;
  }

  return { handle };
}
