// Traces: the contract between the engine and the widgets. An algorithm that can be stepped through
// records what it does as events; a widget replays them. Running to completion and stepping are the
// same code: the recorder is optional, and when absent recording costs one null check.

export interface TraceEvent<K extends string = string, D = unknown> {
  /** 0-based position in the trace. */
  step: number;
  kind: K;
  data: D;
}

export type Trace<E extends TraceEvent = TraceEvent> = E[];

export class Recorder<E extends TraceEvent = TraceEvent> {
  readonly events: E[] = [];
  /** Stops recording after this many events (a trace of a large layer would not fit in memory). */
  constructor(readonly limit = 100_000) {}

  get full() {
    return this.events.length >= this.limit;
  }

  emit(kind: E['kind'], data: E['data']): void {
    if (this.events.length < this.limit) this.events.push({ step: this.events.length, kind, data } as E);
  }
}

/** The events up to and including step i: what a widget shows at position i of its timeline. */
export function replay<E extends TraceEvent>(trace: Trace<E>, i: number): E[] {
  return trace.slice(0, Math.max(0, Math.min(i + 1, trace.length)));
}
