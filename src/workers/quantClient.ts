// The page's side of the quantization Worker: typed promises over quantProtocol.ts. The worker starts on
// the first request. cancel() terminates it at once (the only way to stop a synchronous job): pending
// promises reject with QuantCancelledError and models opened in it must be opened again.
import type {
  CalibrationSet,
  Exploration,
  LayerKindId,
  QuantTarget,
  QuantizationReport,
  QuantizeStage,
  Tensor,
  ValueInfo,
} from '../engine';
import { deserializeError } from './ortClient';
import type {
  ExploreSettings,
  QuantRequest,
  QuantResponse,
  QuantizeSettings,
  SyntheticInputs,
} from './quantProtocol';
import { WorkerRpc, type RpcWorker } from './rpc';

export type QuantWorkerLike = RpcWorker<QuantRequest, QuantResponse>;

export class QuantCancelledError extends Error {
  constructor(message = 'the quantization job was cancelled') {
    super(message);
    this.name = 'QuantCancelledError';
  }
}

export const isQuantCancelled = (e: unknown): e is QuantCancelledError => e instanceof QuantCancelledError;

/** A model opened in one worker; stale once that worker has been cancelled. */
export interface OpenedModel {
  handle: number;
  generation: number;
  targets: QuantTarget[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

export interface QuantizeProgress {
  stage: QuantizeStage;
  done: number;
  total: number;
}

const spawnQuantWorker = (): QuantWorkerLike =>
  new Worker(new URL('./quant.worker.ts', import.meta.url), {
    type: 'module',
    name: 'quantization',
  }) as unknown as QuantWorkerLike;

export class QuantClient {
  private readonly rpc: WorkerRpc<QuantRequest, QuantResponse>;

  constructor(spawn: () => QuantWorkerLike = spawnQuantWorker) {
    this.rpc = new WorkerRpc(spawn, {
      name: 'the quantization worker',
      failed: (message) => new Error(message),
      deserialize: deserializeError,
    });
  }

  /** Opens a model with the feeds its activations are computed on (a copy of the bytes is transferred; the caller keeps its own). */
  async open(model: ArrayBuffer, calibration?: Record<string, Tensor>): Promise<OpenedModel> {
    const copy = model.slice(0);
    const r = await this.rpc.request({ kind: 'open', model: copy, calibration }, [copy]);
    if (r.kind !== 'opened') throw this.rpc.unexpected(r);
    const { handle, targets, inputs, outputs } = r;
    return { handle, generation: this.rpc.generation, targets, inputs, outputs };
  }

  /** Quantizes an opened model to QDQ; resolves with the encoded model and the engine's report. */
  async quantize(
    model: OpenedModel,
    calibration: CalibrationSet,
    settings: QuantizeSettings,
    options: { analysis?: CalibrationSet; onProgress?: (p: QuantizeProgress) => void } = {},
  ): Promise<{ model: ArrayBuffer; report: QuantizationReport }> {
    const r = await this.rpc.request(
      { kind: 'quantize', handle: this.live(model), calibration, analysis: options.analysis, settings },
      [],
      (p) => options.onProgress?.({ stage: p.stage, done: p.done, total: p.total }),
    );
    if (r.kind !== 'quantized') throw this.rpc.unexpected(r);
    return { model: r.model, report: r.report };
  }

  async explore(
    model: OpenedModel,
    value: string,
    settings: ExploreSettings,
  ): Promise<{ exploration: Exploration; dims: number[]; ms: number }> {
    const r = await this.rpc.request({ kind: 'explore', handle: this.live(model), value, settings });
    if (r.kind !== 'explored') throw this.rpc.unexpected(r);
    return { exploration: r.exploration, dims: r.dims, ms: r.ms };
  }

  /** Seeded synthetic inputs, made in the worker and transferred back. */
  async synthesize(spec: SyntheticInputs): Promise<CalibrationSet> {
    const r = await this.rpc.request({ kind: 'synthesize', spec });
    if (r.kind !== 'synthesized') throw this.rpc.unexpected(r);
    return r.batches;
  }

  /** One of the engine's layer-kind chains, float and quantized to int8 in the worker (onnxruntime-web calibrating). */
  async chain(
    layerKind: LayerKindId,
    onProgress?: (p: QuantizeProgress) => void,
  ): Promise<{ float: ArrayBuffer; int8: ArrayBuffer }> {
    const r = await this.rpc.request({ kind: 'chain', layerKind }, [], (p) =>
      onProgress?.({ stage: p.stage, done: p.done, total: p.total }),
    );
    if (r.kind !== 'chain') throw this.rpc.unexpected(r);
    return { float: r.float, int8: r.int8 };
  }

  isLive(model: OpenedModel): boolean {
    return model.generation === this.rpc.generation && this.rpc.alive;
  }

  /** Stops everything now: terminates the worker and rejects every pending request. */
  cancel(reason?: string): void {
    this.rpc.stop(new QuantCancelledError(reason));
  }

  dispose(): void {
    this.rpc.stop(new QuantCancelledError('the quantization client was closed'));
  }

  private live(model: OpenedModel): number {
    if (!this.isLive(model))
      throw new QuantCancelledError('this model belonged to a worker that was stopped; open it again');
    return model.handle;
  }
}
