// The inside of the onnxruntime-web Worker: sessions by id, runs, timed runs, release. It receives the
// onnxruntime module and a `post` function, so the same code runs in the browser Worker (ort.worker.ts,
// WebAssembly backend) and under Node in the unit tests (onnxruntime-web's Node build).
import type * as Ort from 'onnxruntime-web';
import { ModelError, fillUniform, numel, summarizeLatencies, type Tensor } from '../engine';
import type {
  OrtRequest,
  OrtResponse,
  SerializedError,
  SessionOptions,
  TimingInput,
  ValueInfo,
} from './ortProtocol';

export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

export interface OrtServiceEnv {
  /** Threads need SharedArrayBuffer, which browsers grant only to cross-origin-isolated pages. */
  crossOriginIsolated: boolean;
  post(message: OrtResponse, transfer?: Transferable[]): void;
  now(): number;
}

/** Safety limits: a request beyond them gets a ModelError instead of an absurd allocation or a hang. */
export const LIMITS = {
  modelBytes: 512 * 2 ** 20,
  batch: 4096,
  runs: 10_000,
  warmup: 100,
  /** Elements of one generated input tensor (128 MB of float32). */
  inputElements: 2 ** 25,
  threads: 64,
  /** Runs per timed sample when minSampleMs asks for repetition. */
  repeat: 1000,
} as const;

/** Progress messages during a timed series are sent at most this often (ms), plus once at the end. */
const PROGRESS_INTERVAL_MS = 50;

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ModelError) return { name: e.name, message: e.message, code: e.code };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function checkInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new ModelError('limit', `${what} must be an integer from ${min} to ${max}, got ${String(value)}`);
  return value;
}

const isSymbolic = (d: number | string | null) => typeof d !== 'number' || d < 0;

function toValueInfo(m: Ort.InferenceSession.ValueMetadata): ValueInfo {
  if (!m.isTensor) return { name: m.name, dtype: 'non-tensor', shape: [] };
  return {
    name: m.name,
    dtype: m.type,
    shape: m.shape.map((d) => (typeof d === 'number' && d < 0 ? null : d)),
  };
}

/** engine Tensor → onnxruntime Tensor (int64 is held as float64 numbers in the engine, as BigInt64 in onnxruntime). */
export function toOrt(ort: Pick<OrtModule, 'Tensor'>, name: string, t: Tensor): Ort.Tensor {
  const dims = [...t.dims];
  switch (t.dtype) {
    case 'int64':
    case 'uint64': {
      const values = t.data as Float64Array;
      const bad = values.findIndex((v) => !Number.isInteger(v));
      if (bad >= 0)
        throw new ModelError('input', `feed "${name}" is ${t.dtype} but element ${bad} is ${values[bad]}`);
      const data =
        t.dtype === 'int64' ? BigInt64Array.from(values, BigInt) : BigUint64Array.from(values, BigInt);
      return new ort.Tensor(t.dtype, data, dims);
    }
    case 'float16':
      throw new ModelError(
        'unsupported',
        `feed "${name}": float16 tensors are not passed to onnxruntime-web here`,
      );
    default:
      return new ort.Tensor(t.dtype, t.data as Ort.Tensor.DataTypeMap['float32'], dims);
  }
}

/** onnxruntime Tensor → engine Tensor, always a fresh copy (never a view of WebAssembly memory). */
export function fromOrt(name: string, t: Ort.Tensor): Tensor {
  const dims = [...t.dims];
  switch (t.type) {
    case 'int64':
    case 'uint64':
      return { dtype: t.type, dims, data: Float64Array.from(t.data as BigInt64Array, Number) };
    case 'float32':
    case 'float64':
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'bool':
      return { dtype: t.type, dims, data: (t.data as Float32Array).slice() } as Tensor;
    case 'string':
      return { dtype: 'string', dims, data: [...(t.data as string[])] };
    default:
      throw new ModelError(
        'unsupported',
        `output "${name}" has dtype ${t.type}, which is not converted back from onnxruntime-web`,
      );
  }
}

const transferables = (tensors: Record<string, Tensor>): Transferable[] =>
  Object.values(tensors).flatMap((t) =>
    Array.isArray(t.data) ? [] : [(t.data as Float32Array).buffer as ArrayBuffer],
  );

/** The dims an input takes at a given batch: the first dimension is the batch, every other must be fixed. */
export function dimsAtBatch(info: ValueInfo, batch: number): number[] {
  const { name, shape } = info;
  if (shape.length === 0)
    throw new ModelError(
      'unsupported',
      `input "${name}" declares no shape, so it cannot be generated; pass tensors`,
    );
  return shape.map((d, axis) => {
    if (axis === 0) {
      if (isSymbolic(d) || d === batch) return batch;
      throw new ModelError(
        'input',
        `input "${name}" has a fixed batch dimension of ${d}; it cannot run at batch ${batch}`,
        {
          field: 'shape[0]',
        },
      );
    }
    if (isSymbolic(d))
      throw new ModelError(
        'unsupported',
        `input "${name}" has a symbolic dimension "${d}" besides the batch; pass tensors`,
        {
          field: `shape[${axis}]`,
        },
      );
    return d as number;
  });
}

function generateFeeds(
  ort: OrtModule,
  inputs: ValueInfo[],
  batch: number,
  input: TimingInput,
): Record<string, Ort.Tensor> {
  const feeds: Record<string, Ort.Tensor> = {};
  if (input.kind === 'tensors') {
    for (const info of inputs) {
      const t = input.feeds[info.name];
      if (!t) throw new ModelError('input', `no tensor given for input "${info.name}"`);
      if (t.dims[0] !== batch)
        throw new ModelError('input', `tensor for "${info.name}" has batch ${t.dims[0]}, expected ${batch}`);
      feeds[info.name] = toOrt(ort, info.name, t);
    }
    return feeds;
  }
  if (!(input.min < input.max))
    throw new ModelError('input', `uniform input range is empty: [${input.min}, ${input.max})`);
  inputs.forEach((info, i) => {
    if (info.dtype !== 'float32')
      throw new ModelError(
        'unsupported',
        `input "${info.name}" is ${info.dtype}; only float32 inputs are generated, pass tensors`,
      );
    const dims = dimsAtBatch(info, batch);
    const n = numel(dims);
    if (n > LIMITS.inputElements)
      throw new ModelError(
        'limit',
        `input "${info.name}" at batch ${batch} has ${n} elements (limit ${LIMITS.inputElements})`,
      );
    feeds[info.name] = new ort.Tensor(
      'float32',
      fillUniform(new Float32Array(n), input.seed + i, input.min, input.max),
      dims,
    );
  });
  return feeds;
}

interface Entry {
  session: Ort.InferenceSession;
  inputs: ValueInfo[];
}

export function createOrtService(ort: OrtModule, env: OrtServiceEnv) {
  const sessions = new Map<number, Entry>();
  let nextSession = 1;
  /** Fixed by the first session: onnxruntime-web starts its WebAssembly thread pool once. */
  let threads: number | null = null;
  // Requests run one at a time, in arrival order: onnxruntime-web sessions are not re-entrant.
  let queue: Promise<void> = Promise.resolve();

  function configureThreads(options: SessionOptions) {
    const requested =
      options.numThreads === undefined
        ? undefined
        : checkInteger(options.numThreads, 'numThreads', 1, LIMITS.threads);
    const allowed = env.crossOriginIsolated ? requested : 1;
    if (threads === null) {
      if (allowed !== undefined) ort.env.wasm.numThreads = allowed;
      return;
    }
    if (allowed !== undefined && allowed !== threads)
      throw new ModelError(
        'input',
        `this worker already runs ${threads} thread(s); numThreads ${allowed} needs a new client`,
      );
  }

  function entry(id: number): Entry {
    const e = sessions.get(id);
    if (!e) throw new ModelError('input', `no session ${id} in this worker (released, or never created)`);
    return e;
  }

  async function create(id: number, model: ArrayBuffer, options: SessionOptions): Promise<void> {
    if (!(model instanceof ArrayBuffer) || model.byteLength === 0)
      throw new ModelError('parse', 'the model file is empty');
    if (model.byteLength > LIMITS.modelBytes)
      throw new ModelError('limit', `the model has ${model.byteLength} bytes (limit ${LIMITS.modelBytes})`);
    if (options.executionProviders && options.executionProviders.some((p) => p !== 'wasm'))
      throw new ModelError(
        'unsupported',
        `only the 'wasm' execution provider is bundled, got ${options.executionProviders.join(', ')}`,
      );
    configureThreads(options);
    let session: Ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(new Uint8Array(model), {
        executionProviders: ['wasm'],
        graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new ModelError(
        /protobuf|parse/i.test(message) ? 'parse' : 'invalid',
        `onnxruntime-web could not load the model: ${message}`,
      );
    } finally {
      // The runtime (and its thread pool) starts on the first create, even one whose model then fails to load.
      threads ??= ort.env.wasm.numThreads ?? 1;
    }
    const handle = nextSession++;
    const inputs = session.inputMetadata.map(toValueInfo);
    sessions.set(handle, { session, inputs });
    env.post({
      kind: 'created',
      id,
      session: handle,
      inputs,
      outputs: session.outputMetadata.map(toValueInfo),
      threads,
      crossOriginIsolated: env.crossOriginIsolated,
    });
  }

  async function run(id: number, handle: number, feeds: Record<string, Tensor>): Promise<void> {
    const { session } = entry(handle);
    const ortFeeds: Record<string, Ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(ort, name, t);
    const t0 = env.now();
    const results = await session.run(ortFeeds);
    const ms = env.now() - t0;
    const outputs: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(results)) outputs[name] = fromOrt(name, t);
    env.post({ kind: 'ran', id, outputs, ms }, transferables(outputs));
  }

  async function time(request: Extract<OrtRequest, { kind: 'time' }>): Promise<void> {
    const { id } = request;
    const { session, inputs } = entry(request.session);
    const batch = checkInteger(request.batch, 'batch', 1, LIMITS.batch);
    const runs = checkInteger(request.runs, 'runs', 1, LIMITS.runs);
    const warmup = checkInteger(request.warmup ?? 2, 'warmup', 0, LIMITS.warmup);
    const feeds = generateFeeds(ort, inputs, batch, request.input);
    const minSampleMs = request.minSampleMs ?? 0;
    if (!(minSampleMs >= 0 && minSampleMs <= 10_000))
      throw new ModelError(
        'limit',
        `minSampleMs must be from 0 to 10000, got ${String(request.minSampleMs)}`,
      );
    // One untimed run at least, to judge how many runs a sample needs.
    const untimed = minSampleMs > 0 ? Math.max(warmup, 1) : warmup;
    const total = untimed + runs;
    const samples: number[] = [];
    let repeat = 1;
    let lastProgress = env.now();
    for (let i = 0; i < total; i++) {
      // Warm-up runs pay one-off costs (allocations, caches, first-touch of weights) and are not counted.
      const timed = i >= untimed;
      const t0 = env.now();
      for (let r = 0; r < (timed ? repeat : 1); r++) await session.run(feeds);
      const t1 = env.now();
      if (timed) samples.push((t1 - t0) / repeat);
      else if (i === untimed - 1 && minSampleMs > 0)
        repeat = Math.min(LIMITS.repeat, Math.max(1, Math.ceil(minSampleMs / Math.max(t1 - t0, 1e-3))));
      if (t1 - lastProgress >= PROGRESS_INTERVAL_MS || i === total - 1) {
        env.post({ kind: 'progress', id, done: i + 1, total });
        lastProgress = t1;
      }
    }
    env.post({ kind: 'timed', id, batch, repeat, samples, ...summarizeLatencies(samples) });
  }

  async function release(id: number, handle: number): Promise<void> {
    const { session } = entry(handle);
    sessions.delete(handle);
    await session.release();
    env.post({ kind: 'released', id });
  }

  async function dispatch(request: OrtRequest): Promise<void> {
    switch (request.kind) {
      case 'create':
        return create(request.id, request.model, request.options ?? {});
      case 'run':
        return run(request.id, request.session, request.feeds);
      case 'time':
        return time(request);
      case 'release':
        return release(request.id, request.session);
      default:
        throw new ModelError('input', `unknown request kind "${(request as { kind: unknown }).kind}"`);
    }
  }

  /** Handles one message; never throws: failures are posted back as error messages for that request. */
  function handle(request: OrtRequest): Promise<void> {
    const id = typeof request?.id === 'number' ? request.id : null;
    queue = queue.then(() =>
      dispatch(request).catch((e: unknown) => env.post({ kind: 'error', id, error: serializeError(e) })),
    );
    return queue;
  }

  return { handle };
}
