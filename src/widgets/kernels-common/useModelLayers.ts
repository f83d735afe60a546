// Loads the zoo's model list and the Conv layers of one model (parsed in a Worker), with loading state,
// cancel and retry, for the LayerPicker.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ZooModel } from '../../engine';
import {
  isConvLayersCancelled,
  loadZooConvLayers,
  type ConvLayerChoice,
} from '../../workers/convLayersClient';
import { loadManifest } from '../../workers/modelZoo';
import { useErrorText } from '../../ui/errorText';

export type Loading<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

const base = () => import.meta.env.BASE_URL;

/** Zoo models with Conv layers (raw-exporter twins left out: they hold the same layers). */
export function useConvModels(enabled: boolean, only?: readonly string[]): Loading<ZooModel[]> {
  const [state, setState] = useState<Loading<ZooModel[]>>({ status: 'idle' });
  const wanted = only?.join(',');
  const describeError = useErrorText();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    loadManifest(base(), abort.signal)
      .then((manifest) => {
        const ids = wanted?.split(',');
        const models = manifest.models.filter(
          (m) => (m.opCounts.Conv ?? 0) > 0 && !m.twinOf && (!ids || ids.includes(m.id)),
        );
        setState({ status: 'ready', value: models });
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: describeError(e) });
      });
    return () => abort.abort();
  }, [enabled, wanted, describeError]);
  return state;
}

/** The Conv layers of one zoo model; `cancel` stops a running load, `retry` starts it again. */
export function useModelLayers(model: string | null): {
  state: Loading<ConvLayerChoice[]>;
  cancel(): void;
  retry(): void;
} {
  const [state, setState] = useState<Loading<ConvLayerChoice[]>>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const describeError = useErrorText();
  useEffect(() => {
    if (!model) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ status: 'loading' });
    loadZooConvLayers(model, base(), controller.signal)
      .then((value) => !controller.signal.aborted && setState({ status: 'ready', value }))
      .catch((e: unknown) => {
        if (abort.current !== controller) return; // a load the next one replaced
        if (isConvLayersCancelled(e) || controller.signal.aborted) setState({ status: 'cancelled' });
        else setState({ status: 'error', message: describeError(e) });
      });
    return () => controller.abort();
  }, [model, attempt, describeError]);
  const cancel = useCallback(() => abort.current?.abort(), []);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { state, cancel, retry };
}
