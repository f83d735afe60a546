// The playground's state: the input model (from the zoo, a file, an example or the text editor), the
// pipeline's timeline for it, and the analysis (shapes, costs, memory plan)
// of each graph shown. All the work happens in the optimizer Worker; this hook only asks and keeps answers.
// A model that fails to load never replaces the current one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Graph, Model, PassLevel, PassName, Tensor } from '../../engine';
import { loadZooModel } from '../../workers/modelZoo';
import {
  OptimizerClient,
  isOptimizerCancelled,
  type Analysis,
  type OptimizeProgress,
  type OptimizeResult,
  type SyntaxProblem,
} from '../../workers/optimizerClient';
import { useErrorText } from '../../ui/errorText';
import { EXAMPLE_PREFIX, findExample } from './examples';

export type Origin = 'zoo' | 'file' | 'example' | 'text';

export interface Current {
  model: Model;
  /** Zoo id, file name or example id. */
  name: string;
  origin: Origin;
}

export type LoadStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'ready'; name: string; ms: number }
  | { kind: 'error'; name: string; message: string };

export type RunStatus =
  | { kind: 'idle' }
  | { kind: 'running'; progress: OptimizeProgress | null }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export interface PipelineChoice {
  level: PassLevel;
  /** Exactly these passes when set (a custom choice), else every pass of `level` and below. */
  passes: PassName[] | null;
  contribOps: boolean;
}

export type TextState =
  | { kind: 'none' }
  | { kind: 'printing' }
  | { kind: 'ready'; text: string; problem: SyntaxProblem | null; parsing: boolean };

/** Largest file accepted from disk (MB); the worker has its own, larger, limit for what it decodes. */
export const MAX_FILE_MB = 200;

/** The timeline of a model no pass has run on (yet): just the input graph. */
export const inputOnly = (model: Model): OptimizeResult => ({
  opsets: model.opsets,
  graphs: [model.graph],
  steps: [],
  runs: [],
  before: { nodes: model.graph.nodes.length, opCounts: {}, params: 0, macs: 0, peakBytes: 0 },
  after: { nodes: model.graph.nodes.length, opCounts: {}, params: 0, macs: 0, peakBytes: 0 },
  iterations: 0,
  converged: true,
  ms: 0,
});

export function useOptimizer(
  choice: PipelineChoice,
  messages: { tooLarge(mb: string, limit: number): string },
) {
  const describeError = useErrorText();
  const [client] = useState(() => new OptimizerClient());
  useEffect(() => () => client.dispose(), [client]);

  const [current, setCurrent] = useState<Current | null>(null);
  const [load, setLoad] = useState<LoadStatus>({ kind: 'idle' });
  const [run, setRun] = useState<RunStatus>({ kind: 'idle' });
  const [result, setResult] = useState<{ model: Model; timeline: OptimizeResult } | null>(null);
  const [text, setText] = useState<TextState>({ kind: 'none' });
  const analyses = useRef(new WeakMap<Graph, Analysis>());
  const [analysisCount, setAnalysisCount] = useState(0);
  /** Weights of the last binary model: `{...}` in the text refers to them. */
  const base = useRef<Map<string, Tensor>>(new Map());
  const loadAbort = useRef<AbortController | null>(null);
  const runAbort = useRef<AbortController | null>(null);
  const parseAbort = useRef<AbortController | null>(null);
  const requested = useRef(new WeakSet<Graph>());

  const accept = useCallback((model: Model, name: string, origin: Origin, ms: number, source?: string) => {
    setCurrent({ model, name, origin });
    setLoad({ kind: 'ready', name, ms });
    if (origin === 'zoo' || origin === 'file') base.current = model.graph.initializers;
    if (source !== undefined) setText({ kind: 'ready', text: source, problem: null, parsing: false });
    else if (origin !== 'text') setText({ kind: 'none' });
  }, []);

  /** Loads a zoo model, an example (`example:<id>`) or a file; on failure the current model stays. */
  const loadModel = useCallback(
    async (what: { zoo: string } | { file: File }) => {
      loadAbort.current?.abort();
      const controller = new AbortController();
      loadAbort.current = controller;
      const name = 'zoo' in what ? what.zoo : what.file.name;
      setLoad({ kind: 'loading', name });
      try {
        if ('zoo' in what && what.zoo.startsWith(EXAMPLE_PREFIX)) {
          const example = findExample(what.zoo.slice(EXAMPLE_PREFIX.length));
          if (!example) throw new Error(`there is no example "${what.zoo}"`);
          const t0 = performance.now();
          const parsed = await client.parse(example.text, new Map(), controller);
          if (!parsed.model) throw new Error(parsed.problem?.message ?? 'the example does not parse');
          return accept(parsed.model, example.id, 'example', performance.now() - t0, example.text);
        }
        let bytes: ArrayBuffer;
        if ('zoo' in what)
          bytes = (await loadZooModel(what.zoo, import.meta.env.BASE_URL, controller.signal)).bytes;
        else {
          if (what.file.size > MAX_FILE_MB * 2 ** 20)
            throw new Error(messages.tooLarge((what.file.size / 2 ** 20).toFixed(0), MAX_FILE_MB));
          bytes = await what.file.arrayBuffer();
        }
        if (controller.signal.aborted) return;
        const decoded = await client.decode(bytes, name, controller);
        accept(decoded.model, name, 'zoo' in what ? 'zoo' : 'file', decoded.ms);
      } catch (e) {
        if (controller.signal.aborted || isOptimizerCancelled(e)) return;
        setLoad({ kind: 'error', name, message: describeError(e) });
      }
    },
    [client, accept, messages, describeError],
  );

  /** The text editor changed: parse it; a good parse becomes the input model, a bad one is reported. */
  const editText = useCallback(
    async (source: string) => {
      parseAbort.current?.abort();
      const controller = new AbortController();
      parseAbort.current = controller;
      setText((t) => ({
        kind: 'ready',
        text: source,
        problem: t.kind === 'ready' ? t.problem : null,
        parsing: true,
      }));
      try {
        const parsed = await client.parse(source, base.current, controller);
        if (controller.signal.aborted) return;
        setText({ kind: 'ready', text: source, problem: parsed.problem, parsing: false });
        if (parsed.model)
          setCurrent((c) => ({ model: parsed.model!, name: c?.name ?? 'text', origin: 'text' }));
      } catch (e) {
        if (controller.signal.aborted || isOptimizerCancelled(e)) return;
        setText({
          kind: 'ready',
          text: source,
          problem: { message: describeError(e), line: 1, column: 1 },
          parsing: false,
        });
      }
    },
    [client, describeError],
  );

  /** Prints the input model for the editor (once per loaded model; a text edit keeps its own text). */
  const needText = useCallback(async () => {
    if (!current || text.kind !== 'none') return;
    setText({ kind: 'printing' });
    try {
      const printed = await client.print(current.model);
      setText({ kind: 'ready', text: printed, problem: null, parsing: false });
    } catch (e) {
      if (!isOptimizerCancelled(e))
        setText({
          kind: 'ready',
          text: '',
          problem: { message: describeError(e), line: 1, column: 1 },
          parsing: false,
        });
    }
  }, [client, current, text.kind, describeError]);

  // Run the pipeline whenever the input model or the choice of passes changes.
  const { level, passes, contribOps } = choice;
  useEffect(() => {
    if (!current) return;
    let live = true;
    const controller = new AbortController();
    runAbort.current = controller;
    setRun({ kind: 'running', progress: null });
    const options = passes ? { passes, contribOps } : { level, contribOps };
    client
      .optimize(current.model, options, {
        signal: controller.signal,
        onProgress: (progress) => setRun({ kind: 'running', progress }),
      })
      .then((timeline) => {
        if (!live) return;
        // the graphs of the timeline run under the optimized model's opsets (contrib ops add com.microsoft)
        setResult({ model: { ...current.model, opsets: timeline.opsets }, timeline });
        setRun({ kind: 'done' });
      })
      .catch((e: unknown) => {
        if (!live) return; // superseded by a newer model or choice
        if (isOptimizerCancelled(e)) setRun({ kind: 'cancelled' });
        else setRun({ kind: 'error', message: describeError(e) });
        // the panes still show the new input model, with no rewrite
        setResult({ model: current.model, timeline: inputOnly(current.model) });
      });
    return () => {
      live = false;
      controller.abort();
    };
  }, [client, current, level, passes, contribOps, describeError]);

  const cancel = useCallback(() => {
    loadAbort.current?.abort();
    if (load.kind === 'loading') setLoad({ kind: 'idle' });
    runAbort.current?.abort();
  }, [load.kind]);

  /** Asks the worker to analyse a graph (once); the answer lands in `analyses`. */
  const requestAnalysis = useCallback(
    (model: Model, graph: Graph) => {
      if (requested.current.has(graph)) return;
      requested.current.add(graph);
      client
        .analyze({ ...model, graph })
        .then((analysis) => {
          analyses.current.set(graph, analysis);
          setAnalysisCount((n) => n + 1);
        })
        .catch(() => requested.current.delete(graph));
    },
    [client],
  );

  /** The analysis of a graph, once the worker has answered (re-render on `analysisCount`). */
  const analysisOf = useCallback(
    (graph: Graph | undefined) => (graph ? analyses.current.get(graph) : undefined),
    [],
  );

  return {
    client,
    analysisCount,
    analysisOf,
    current,
    load,
    run,
    result,
    text,
    loadModel,
    editText,
    needText,
    cancel,
    requestAnalysis,
  };
}
