// The layer-kind timer's life cycle in the page: its two Workers (quantization, onnxruntime), a run with
// progress, cancel that stops both at once, and the last result.
import { useEffect, useRef, useState } from 'react';
import { OrtClient, isCancelled } from '../../workers/ortClient';
import { QuantClient, isQuantCancelled } from '../../workers/quantClient';
import { measureLayerKinds, type LayerKindsResult, type MeasurePlan, type MeasureProgress } from './measure';
import { useErrorText } from '../../ui/errorText';

export type LayerKindsPhase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: MeasureProgress | null }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export function useLayerKinds() {
  const describeError = useErrorText();
  const [phase, setPhase] = useState<LayerKindsPhase>({ kind: 'idle' });
  const [result, setResult] = useState<LayerKindsResult | null>(null);
  const clients = useRef<{ quant: QuantClient; ort: OrtClient } | null>(null);
  const generation = useRef(0);

  useEffect(
    () => () => {
      clients.current?.quant.dispose();
      clients.current?.ort.dispose();
    },
    [],
  );

  async function start(plan: MeasurePlan) {
    const run = ++generation.current;
    const c = (clients.current ??= { quant: new QuantClient(), ort: new OrtClient() });
    setPhase({ kind: 'running', progress: null });
    setResult(null);
    try {
      const measured = await measureLayerKinds(c, plan, (progress) => {
        if (run === generation.current) setPhase({ kind: 'running', progress });
      });
      if (run !== generation.current) return;
      setResult(measured);
      setPhase({ kind: 'done' });
    } catch (e) {
      if (run !== generation.current) return;
      if (isCancelled(e) || isQuantCancelled(e)) return setPhase({ kind: 'cancelled' });
      setPhase({ kind: 'error', message: describeError(e) });
    }
  }

  function cancel() {
    generation.current++;
    clients.current?.quant.cancel();
    clients.current?.ort.cancel();
    setPhase({ kind: 'cancelled' });
  }

  return { phase, result, start, cancel };
}
