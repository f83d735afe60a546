// Reading the pipeline's timeline: where each pass run ends (to step one pass at a time), and what changed
// between two positions — which nodes of the earlier graph are gone, which of the later one are new or
// changed, and, for every new or changed node, the nodes of the earlier graph it stands for (the
// Rewrite.origins of each rewrite between them, composed).
import type { Graph } from '../../engine';
import type { OptimizeResult, TimelineStep } from '../../workers/optimizerProtocol';

/** Positions where a pass run with rewrites ends, with 0 first: the stops of "one pass at a time". */
export function passStops(result: Pick<OptimizeResult, 'runs'>): number[] {
  const stops = new Set([0]);
  for (const run of result.runs) if (run.rewrites > 0) stops.add(run.end);
  return [...stops].sort((a, b) => a - b);
}

export const nextStop = (stops: readonly number[], position: number) =>
  stops.find((s) => s > position) ?? position;

export const previousStop = (stops: readonly number[], position: number) =>
  [...stops].reverse().find((s) => s < position) ?? position;

/** Index into runs of the pass run the rewrite leading to `position` belongs to (-1 at position 0). */
export const runAt = (steps: readonly TimelineStep[], position: number) =>
  position > 0 ? steps[position - 1].run : -1;

export interface Diff {
  /** Names of nodes of the earlier graph that are not in the later one. */
  removed: Set<string>;
  /** Names of nodes of the later graph that were not in the earlier one. */
  added: Set<string>;
  /** Names of nodes in both graphs that a rewrite in between changed in place. */
  changed: Set<string>;
  /** For each added or changed node of the later graph: the nodes of the earlier graph it stands for. */
  origins: Map<string, string[]>;
  /** The reverse: for each node of the earlier graph, the added or changed nodes of the later graph standing for it. */
  successors: Map<string, string[]>;
}

/** What the rewrites steps[from .. to − 1] did, between graphs[from] and graphs[to]. */
export function diffPositions(
  graphs: readonly Graph[],
  steps: readonly TimelineStep[],
  from: number,
  to: number,
): Diff {
  const earlier = new Set(graphs[from].nodes.map((n) => n.name));
  const later = new Set(graphs[to].nodes.map((n) => n.name));
  // For each node alive at the current position: the nodes of the earlier graph it stands for.
  const standsFor = new Map<string, Set<string>>([...earlier].map((n) => [n, new Set([n])]));
  const touched = new Set<string>();
  for (let i = from; i < to; i++) {
    const step = steps[i];
    const next = new Map<string, Set<string>>();
    for (const name of [...step.added, ...step.changed]) {
      const parts = step.origins[name];
      if (!parts) {
        // a changed node keeps what it stood for; a new one without origins stands for nothing earlier
        next.set(name, new Set(standsFor.get(name)));
        continue;
      }
      const set = new Set<string>();
      for (const p of parts) for (const o of standsFor.get(p) ?? []) set.add(o);
      next.set(name, set);
    }
    for (const name of step.removed) standsFor.delete(name);
    for (const [name, set] of next) {
      standsFor.set(name, set);
      touched.add(name);
    }
  }
  const added = new Set([...later].filter((n) => !earlier.has(n)));
  const changed = new Set([...touched].filter((n) => later.has(n) && earlier.has(n)));
  const origins = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  for (const name of [...added, ...changed]) {
    const parts = [...(standsFor.get(name) ?? [])].filter((o) => earlier.has(o) && o !== name);
    if (!parts.length) continue;
    origins.set(name, parts);
    for (const o of parts) successors.set(o, [...(successors.get(o) ?? []), name]);
  }
  return {
    removed: new Set([...earlier].filter((n) => !later.has(n))),
    added,
    changed,
    origins,
    successors,
  };
}
