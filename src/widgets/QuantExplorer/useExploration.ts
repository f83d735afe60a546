// Loads a zoo model and its calibration images into the quantization worker, then explores the chosen
// tensor whenever a setting changes. Requests are coalesced: while one is being computed, only the
// latest settings wait, so dragging the bits slider never queues a backlog.
import { useEffect, useRef, useState } from 'react';
import { calibrationSetFor, type Exploration, type ZooModel } from '../../engine';
import { loadDigitSet } from '../../workers/digitSets';
import { loadManifest, loadZooModel } from '../../workers/modelZoo';
import type { QuantClient } from '../../workers/quantClient';
import { isQuantCancelled, type OpenedModel } from '../../workers/quantClient';
import type { ExploreSettings } from '../../workers/quantProtocol';
import { useErrorText } from '../../ui/errorText';

export interface ExploreRequest {
  value: string;
  settings: ExploreSettings;
}

export interface ExploreResult extends ExploreRequest {
  exploration: Exploration;
  dims: number[];
  ms: number;
}

export type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; zoo: ZooModel; opened: OpenedModel }
  | { kind: 'error'; message: string };

export function useOpenedModel(client: QuantClient, modelId: string): LoadState {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const describeError = useErrorText();
  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    (async () => {
      const base = import.meta.env.BASE_URL;
      const [manifest, { model: zoo, bytes }] = await Promise.all([
        loadManifest(base, abort.signal),
        loadZooModel(modelId, base, abort.signal),
      ]);
      if (!zoo.dataset)
        throw new Error(`${modelId} is not trained on the digits: its activations mean nothing`);
      const calibration = await loadDigitSet(manifest, zoo.dataset, 'calibration', base, abort.signal);
      // The whole calibration subset as one batch: the explorer shows an activation over all of it.
      const [feeds] = calibrationSetFor(zoo.preprocessing, zoo.inputs[0].name, calibration, {
        batchSize: calibration.labels.dims[0],
      });
      const opened = await client.open(bytes, feeds);
      if (!abort.signal.aborted) setState({ kind: 'ready', zoo, opened });
    })().catch((e: unknown) => {
      if (!abort.signal.aborted && !isQuantCancelled(e))
        setState({ kind: 'error', message: describeError(e) });
    });
    return () => abort.abort();
  }, [client, modelId, describeError]);
  return state;
}

export function useExploration(
  client: QuantClient,
  opened: OpenedModel | null,
  request: ExploreRequest | null,
): { result: ExploreResult | null; busy: boolean; error: string | null } {
  const [result, setResult] = useState<ExploreResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const describeError = useErrorText();
  const inFlight = useRef(false);
  const waiting = useRef<{ opened: OpenedModel; request: ExploreRequest } | null>(null);

  useEffect(() => {
    if (!opened || !request) return;
    waiting.current = { opened, request };
    if (inFlight.current) return;
    const next = async () => {
      while (waiting.current) {
        const job = waiting.current;
        waiting.current = null;
        inFlight.current = true;
        setBusy(true);
        try {
          const r = await client.explore(job.opened, job.request.value, job.request.settings);
          setResult({ ...job.request, ...r });
          setError(null);
        } catch (e) {
          if (!isQuantCancelled(e)) setError(describeError(e));
        }
      }
      inFlight.current = false;
      setBusy(false);
    };
    void next();
  }, [client, opened, request, describeError]);

  return { result, busy, error };
}
