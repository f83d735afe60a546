// The two models the draw-a-digit widget runs: the float/int8 pair the side-by-side lab published, or,
// until there is one, digits-cnn quantized here with MinMax. Predictions are coalesced: while one pair of
// runs is in flight only the latest image waits, so fast strokes never queue a backlog.
import { useEffect, useRef, useState } from 'react';
import { digitsToModelInput, findModel, softmaxRows, zooCalibration } from '../../engine';
import { useQuantLab, type QuantizedPair } from '../../store/quantLab';
import { DIGITS_DATASET, loadDigitSet } from '../../workers/digitSets';
import { loadManifest, loadZooModel } from '../../workers/modelZoo';
import { OrtClient, isCancelled, type OrtSession } from '../../workers/ortClient';
import { QuantClient } from '../../workers/quantClient';
import { useErrorText } from '../../ui/errorText';

export const FALLBACK_MODEL = 'digits-cnn';

export type ModelsStatus =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'quantizing' }
  | { kind: 'ready'; pair: QuantizedPair; fromLab: boolean }
  | { kind: 'error'; message: string };

export interface DigitPrediction {
  pixels: Uint8Array;
  float: Float64Array;
  int8: Float64Array;
}

/** digits-cnn and its int8 twin made here, for when the page has not quantized a digits model yet. */
async function fallbackPair(quant: QuantClient, onQuantizing: () => void): Promise<QuantizedPair> {
  const base = import.meta.env.BASE_URL;
  const manifest = await loadManifest(base);
  const zoo = findModel(manifest, FALLBACK_MODEL);
  if (zoo.preprocessing.kind !== 'digits') throw new Error(`${FALLBACK_MODEL} does not take digits`);
  const { bytes } = await loadZooModel(FALLBACK_MODEL, base);
  const digits = await loadDigitSet(manifest, DIGITS_DATASET, 'calibration', base);
  const inputName = zoo.inputs[0].name;
  onQuantizing();
  const opened = await quant.open(bytes);
  // The zoo's recipe, so this int8 model is the one the lab and the CLI make from digits-cnn with MinMax.
  const { calibration, analysis } = zooCalibration(zoo.preprocessing, inputName, digits);
  const { model } = await quant.quantize(
    opened,
    calibration,
    { method: 'minmax', perChannel: true, symmetric: false },
    { analysis },
  );
  return {
    label: FALLBACK_MODEL,
    method: 'minmax',
    float: bytes,
    int8: model,
    inputName,
    preprocessing: zoo.preprocessing,
  };
}

export function useDigitModels() {
  const published = useQuantLab((s) => s.latest);
  const [status, setStatus] = useState<ModelsStatus>({ kind: 'idle' });
  const [prediction, setPrediction] = useState<DigitPrediction | null>(null);
  const [wanted, setWanted] = useState(false);
  const describeError = useErrorText();
  const clients = useRef<{ ort: OrtClient; quant: QuantClient } | null>(null);
  const sessions = useRef<{ pair: QuantizedPair; float: OrtSession; int8: OrtSession } | null>(null);
  const busy = useRef(false);
  const waiting = useRef<Uint8Array | null>(null);
  const fallback = useRef<QuantizedPair | null>(null);

  useEffect(
    () => () => {
      clients.current?.ort.dispose();
      clients.current?.quant.dispose();
    },
    [],
  );

  // Load (or switch to) the pair to use, once the reader has started drawing.
  useEffect(() => {
    if (!wanted) return;
    let stale = false;
    const c = (clients.current ??= { ort: new OrtClient(), quant: new QuantClient() });
    (async () => {
      let pair = published;
      if (!pair) {
        setStatus({ kind: 'preparing' });
        pair = fallback.current ??= await fallbackPair(
          c.quant,
          () => !stale && setStatus({ kind: 'quantizing' }),
        );
      }
      if (sessions.current?.pair !== pair) {
        const old = sessions.current;
        sessions.current = null;
        if (old) await Promise.all([c.ort.release(old.float), c.ort.release(old.int8)]);
        const float = await c.ort.createSession(pair.float.slice(0));
        const int8 = await c.ort.createSession(pair.int8.slice(0));
        sessions.current = { pair, float, int8 };
      }
      if (stale) return;
      setStatus({ kind: 'ready', pair, fromLab: pair === published });
      const pending = waiting.current ?? prediction?.pixels;
      if (pending) predict(pending);
    })().catch((e: unknown) => {
      if (!stale && !isCancelled(e)) setStatus({ kind: 'error', message: describeError(e) });
    });
    return () => {
      stale = true;
    };
    // predict and prediction are read when the pair is ready, not followed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, published]);

  function predict(pixels: Uint8Array) {
    setWanted(true);
    waiting.current = pixels;
    if (busy.current || !sessions.current || !clients.current) return;
    const { ort } = clients.current;
    busy.current = true;
    void (async () => {
      try {
        while (waiting.current && sessions.current) {
          const image = waiting.current;
          waiting.current = null;
          const s = sessions.current;
          const input = digitsToModelInput(
            { dtype: 'uint8', dims: [1, 8, 8], data: image },
            s.pair.preprocessing,
          );
          const feeds = { [s.pair.inputName]: input };
          const [f, q] = await Promise.all([ort.run(s.float, feeds), ort.run(s.int8, feeds)]);
          const probs = (r: typeof f, session: OrtSession) =>
            softmaxRows(r.outputs[session.outputs[0].name])[0];
          setPrediction({ pixels: image, float: probs(f, s.float), int8: probs(q, s.int8) });
        }
      } catch (e) {
        if (!isCancelled(e)) setStatus({ kind: 'error', message: describeError(e) });
      } finally {
        busy.current = false;
      }
    })();
  }

  function clear() {
    waiting.current = null;
    setPrediction(null);
  }

  return { status, prediction, predict, clear };
}
