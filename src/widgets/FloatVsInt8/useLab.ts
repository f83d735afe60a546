// The side-by-side lab's life cycle in the page: load the chosen model (zoo or file) and the digits, run
// the lab in the two Workers with progress, cancel both Workers at once, and keep the last result.
import { useEffect, useRef, useState } from 'react';
import { decodeModel, findModel, type Graph, type ZooModel } from '../../engine';
import { publishQuantized } from '../../store/quantLab';
import { DIGITS_DATASET, loadDigitSet } from '../../workers/digitSets';
import { loadManifest, loadZooModel } from '../../workers/modelZoo';
import { OrtClient, isCancelled } from '../../workers/ortClient';
import { QuantClient, isQuantCancelled } from '../../workers/quantClient';
import { useErrorText } from '../../ui/errorText';
import { runLab, type LabOptions, type LabProgress, type LabResult } from './lab';

export type LabSource = { kind: 'zoo'; id: string } | { kind: 'file'; file: File };

export interface LabRun extends LabResult {
  label: string;
  zoo: ZooModel | null;
  float: ArrayBuffer;
  graph: Graph;
  options: LabOptions;
}

export type LabPhase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'running'; progress: LabProgress }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  /** badFile: the reader's file is at fault (unreadable, not ONNX, not a CNN this lab can feed, too big). */
  | { kind: 'error'; message: string; badFile: boolean; tooBigMb?: number };

/** Largest model file accepted from the reader, in MB (onnxruntime-web itself stops at 512). */
export const MAX_FILE_MB = 256;

export class FileTooBigError extends Error {
  constructor(readonly mb: number) {
    super(`the file has ${mb} MB`);
    this.name = 'FileTooBigError';
  }
}

async function readSource(source: LabSource, signal: AbortSignal) {
  const base = import.meta.env.BASE_URL;
  const manifest = await loadManifest(base, signal);
  const digits = async () => ({
    calibration: await loadDigitSet(manifest, DIGITS_DATASET, 'calibration', base, signal),
    test: await loadDigitSet(manifest, DIGITS_DATASET, 'test', base, signal),
  });
  if (source.kind === 'zoo') {
    const zoo = findModel(manifest, source.id);
    const { bytes } = await loadZooModel(source.id, base, signal);
    return {
      bytes,
      zoo,
      label: source.id,
      digits: zoo.preprocessing.kind === 'digits' ? await digits() : null,
    };
  }
  const mb = Math.ceil(source.file.size / 2 ** 20);
  if (mb > MAX_FILE_MB) throw new FileTooBigError(mb);
  return {
    bytes: await source.file.arrayBuffer(),
    zoo: null,
    label: source.file.name,
    digits: await digits(),
  };
}

export function useLab() {
  const describeError = useErrorText();
  const [phase, setPhase] = useState<LabPhase>({ kind: 'idle' });
  const [run, setRun] = useState<LabRun | null>(null);
  const clients = useRef<{ quant: QuantClient; ort: OrtClient } | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      abort.current?.abort();
      clients.current?.quant.dispose();
      clients.current?.ort.dispose();
    },
    [],
  );

  async function start(source: LabSource, options: LabOptions) {
    const controller = new AbortController();
    abort.current = controller;
    const c = (clients.current ??= { quant: new QuantClient(), ort: new OrtClient() });
    setPhase({ kind: 'loading' });
    setRun(null);
    let badFile = source.kind === 'file';
    try {
      const input = await readSource(source, controller.signal);
      const lab = await runLab(c, input, options, (progress) => {
        // Once the quantization worker has read the model, a failure is no longer the file's fault.
        if (progress.phase !== 'open') badFile = false;
        if (!controller.signal.aborted) setPhase({ kind: 'running', progress });
      });
      const graph = decodeModel(new Uint8Array(input.bytes)).graph;
      setRun({ ...lab, label: input.label, zoo: input.zoo, float: input.bytes, graph, options });
      setPhase({ kind: 'done' });
      if (lab.plan.preprocessing.kind === 'digits')
        publishQuantized({
          label: input.label,
          method: options.method,
          float: input.bytes,
          int8: lab.int8,
          inputName: lab.plan.inputName,
          preprocessing: lab.plan.preprocessing,
        });
    } catch (e) {
      if (controller.signal.aborted || isCancelled(e) || isQuantCancelled(e))
        return setPhase({ kind: 'cancelled' });
      const message = describeError(e);
      const tooBigMb = e instanceof FileTooBigError ? e.mb : undefined;
      setPhase({ kind: 'error', message, badFile: badFile || tooBigMb !== undefined, tooBigMb });
    }
  }

  function cancel() {
    abort.current?.abort();
    clients.current?.quant.cancel();
    clients.current?.ort.cancel();
    setPhase({ kind: 'cancelled' });
  }

  return { phase, run, start, cancel };
}
