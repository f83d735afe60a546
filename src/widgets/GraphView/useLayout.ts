// Lays out the view graph in the layout Worker whenever it changes: box sizes measured here (text widths
// need a canvas), positions computed there. The previous scene stays on screen until the new one arrives.
import { useEffect, useState } from 'react';
import { LayoutCancelledError, type LayoutClient, type LayoutResult } from '../../workers/layoutClient';
import type { ViewGraph } from './model';
import { makeScene, type Scene } from './scene';
import { boxSize, fontOf, type LineKind, type Measure } from './style';

export type LayoutStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface LayoutState {
  scene: Scene | null;
  status: LayoutStatus;
  /** 0…1 while running. */
  progress: number;
  error: string | null;
  /** Wall time from request to scene (measuring, worker round trip), ms. */
  ms: number;
  stats: LayoutResult['stats'] | null;
}

/** Text widths from canvas measureText, cached per string. */
export function canvasMeasure(fontFamily: string): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  const cache = new Map<string, number>();
  let current: LineKind | null = null;
  return (text, kind) => {
    const key = (kind === 'title' ? 't' : 's') + text;
    let width = cache.get(key);
    if (width === undefined) {
      const font = kind === 'title' ? 'title' : 'detail';
      if (ctx && current !== font) {
        ctx.font = fontOf(font, fontFamily);
        current = font;
      }
      width = ctx ? ctx.measureText(text).width : text.length * 7;
      cache.set(key, width);
    }
    return width;
  };
}

export function useLayout(
  view: ViewGraph,
  measure: Measure | null,
  client: LayoutClient,
  attempt: number,
): LayoutState {
  const [state, setState] = useState<LayoutState>({
    scene: null,
    status: 'running',
    progress: 0,
    error: null,
    ms: 0,
    stats: null,
  });

  useEffect(() => {
    if (!measure) return;
    const start = performance.now();
    const n = view.nodes.length;
    const widths = new Float64Array(n);
    const heights = new Float64Array(n);
    view.nodes.forEach((node, i) => ([widths[i], heights[i]] = boxSize(node, measure)));
    const edges = new Int32Array(2 * view.edges.length);
    view.edges.forEach((e, k) => {
      edges[2 * k] = e.from;
      edges[2 * k + 1] = e.to;
    });
    const controller = new AbortController();
    setState((s) => ({ ...s, status: 'running', progress: 0, error: null }));
    client
      .layout(
        { widths, heights, edges },
        { signal: controller.signal, onProgress: (_, progress) => setState((s) => ({ ...s, progress })) },
      )
      .then((result) =>
        setState({
          scene: makeScene(view, widths, heights, result),
          status: 'done',
          progress: 1,
          error: null,
          ms: performance.now() - start,
          stats: result.stats,
        }),
      )
      .catch((e: unknown) => {
        if (controller.signal.aborted && e instanceof LayoutCancelledError) return; // superseded or unmounted
        setState((s) => ({
          ...s,
          status: e instanceof LayoutCancelledError ? 'cancelled' : 'failed',
          error: e instanceof Error ? e.message : String(e),
        }));
      });
    return () => controller.abort();
  }, [view, measure, client, attempt]);

  return state;
}
