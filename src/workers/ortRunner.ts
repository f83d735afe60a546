// The engine's ModelRunner over onnxruntime-web: what whole-model quantization calibrates and analyses
// with in the quantization Worker. The engine asks for any intermediate values; exposeValues makes them
// graph outputs of a copy of the model (onnxruntime then keeps them unfused), which is loaded as a session. Much faster than the reference interpreter on a real CNN, and the interpreter stays the oracle
// the tests compare it with.
import {
  encodeModel,
  exposeValues,
  ModelError,
  type LoadedModel,
  type Model,
  type ModelRunner,
  type Tensor,
} from '../engine';
import type * as Ort from 'onnxruntime-web';
import { fromOrt, toOrt, type OrtModule } from './ortService';

export interface OrtRunnerOptions {
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

export function ortRunner(ort: OrtModule, options: OrtRunnerOptions = {}): ModelRunner {
  return {
    async load(model: Model, outputs: readonly string[]): Promise<LoadedModel> {
      const bytes = encodeModel(exposeValues(model, outputs));
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(bytes, {
          executionProviders: ['wasm'],
          graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
        });
      } catch (e) {
        throw new ModelError(
          'invalid',
          `onnxruntime-web could not load the model: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      return {
        async run(feeds: Record<string, Tensor>) {
          const ortFeeds: Record<string, Ort.Tensor> = {};
          for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(ort, name, t);
          const results = await session.run(ortFeeds);
          const out: Record<string, Tensor> = {};
          for (const name of outputs) {
            out[name] = fromOrt(name, results[name]);
            results[name].dispose();
          }
          return out;
        },
        release: () => session.release(),
      };
    },
  };
}
