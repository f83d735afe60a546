// The engine's ModelRunner over onnxruntime-web, for quantizeModel in the Worker (and in Node benchmarks):
// calibration and per-layer analysis read intermediate values, which onnxruntime returns only as graph
// outputs, so each model is loaded with those values made outputs (exposeValues).
import type * as Ort from 'onnxruntime-web';
import {
  encodeModel,
  exposeValues,
  ModelError,
  type LoadedModel,
  type ModelRunner,
  type Tensor,
} from '../engine';
import type { GraphOptimizationLevel } from './ortProtocol';
import { fromOrt, toOrt, type OrtModule } from './ortService';

export interface OrtRunnerOptions {
  /** onnxruntime's graph optimizations for the sessions (default 'all'). */
  graphOptimizationLevel?: GraphOptimizationLevel;
}

export function createOrtRunner(
  ort: Pick<OrtModule, 'InferenceSession' | 'Tensor'>,
  { graphOptimizationLevel = 'all' }: OrtRunnerOptions = {},
): ModelRunner {
  return {
    async load(model, outputs): Promise<LoadedModel> {
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(encodeModel(exposeValues(model, outputs)), {
          graphOptimizationLevel,
        });
      } catch (e) {
        throw new ModelError(
          'invalid',
          `onnxruntime could not load the model: ${e instanceof Error ? e.message : e}`,
        );
      }
      return {
        async run(feeds: Record<string, Tensor>) {
          const ortFeeds: Record<string, Ort.Tensor> = {};
          for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(ort, name, t);
          const results = await session.run(ortFeeds);
          const values: Record<string, Tensor> = {};
          for (const [name, t] of Object.entries(results)) {
            values[name] = fromOrt(name, t);
            t.dispose();
          }
          return values;
        },
        release: () => session.release(),
      };
    },
  };
}
