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

/**
 * What an `accept` filter sees: the event's kind and its data — before the data is built, only its index fields
 * (output channel m, input channel c, image n, tile t, group g … whatever the kernel passes to `wants`).
 */
export type EventProbe<E extends TraceEvent> = E extends TraceEvent
  ? { kind: E['kind']; data: Partial<E['data']> }
  : never;

export class Recorder<E extends TraceEvent = TraceEvent> {
  readonly events: E[] = [];
  /**
   * Stops recording after `limit` events (a trace of a large layer would not fit in memory). `accept`, when
   * given, keeps only the events it returns true for — e.g. one output channel of a large layer — so that a
   * widget can show a meaningful part of a long run instead of its first events only.
   */
  constructor(
    readonly limit = 100_000,
    private readonly accept?: (event: EventProbe<E>) => boolean,
  ) {}

  get full() {
    return this.events.length >= this.limit;
  }

  /**
   * Whether an event with these index fields would be kept: a kernel asks before building an event's data, so
   * that the events a filter rejects cost nothing but this call.
   */
  wants<K extends E['kind']>(kind: K, index: Partial<Extract<E, { kind: K }>['data']>): boolean {
    return !this.full && (!this.accept || this.accept({ kind, data: index } as unknown as EventProbe<E>));
  }

  emit(kind: E['kind'], data: E['data']): void {
    if (this.events.length >= this.limit) return;
    if (this.accept && !this.accept({ kind, data } as EventProbe<E>)) return;
    this.events.push({ step: this.events.length, kind, data } as E);
  }
}

/** The events up to and including step i: what a widget shows at position i of its timeline. */
export function replay<E extends TraceEvent>(trace: Trace<E>, i: number): E[] {
  return trace.slice(0, Math.max(0, Math.min(i + 1, trace.length)));
}
