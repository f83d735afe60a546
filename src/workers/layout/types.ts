// Input and output of the layered graph layout. Plain numbers and typed arrays only, so a request and its
// result cross the Worker boundary cheaply (the result's buffers are transferred, not copied).

export interface LayoutInput {
  /** Node box sizes in layout units (CSS pixels at zoom 1); node i is widths[i] × heights[i]. */
  widths: Float64Array;
  heights: Float64Array;
  /** Directed edges as pairs: edges[2k] → edges[2k+1] (node indices). Self-loops are ignored. */
  edges: Int32Array;
}

export interface LayoutOptions {
  /** Horizontal gap between neighbouring boxes in a layer. */
  nodeGap: number;
  /** Vertical gap between layers (room for edge labels). */
  layerGap: number;
  /** Width reserved for a long edge passing through a layer. */
  dummyWidth: number;
  /** Barycenter sweeps (down + up) for crossing reduction. */
  orderIterations: number;
  /** Alternating down/up passes of coordinate assignment. */
  positionIterations: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  nodeGap: 24,
  layerGap: 44,
  dummyWidth: 12,
  orderIterations: 8,
  positionIterations: 6,
};

export interface LayoutResult {
  /** Box centres, per input node. */
  x: Float64Array;
  y: Float64Array;
  /** Layer of each input node (0 = top). */
  layer: Int32Array;
  /**
   * Edge routes, per input edge k: points edgePoints[2i], edgePoints[2i+1] for i in
   * [edgeStart[k], edgeStart[k+1]). The first point is on the source box, the last on the target box;
   * the points between are where the edge passes through intermediate layers. Self-loops get no points.
   */
  edgePoints: Float64Array;
  edgeStart: Int32Array;
  /** Extent of the drawing: every box and route lies in [0, width] × [0, height]. */
  width: number;
  height: number;
  stats: LayoutStats;
}

export interface LayoutStats {
  nodes: number;
  edges: number;
  layers: number;
  /** Virtual nodes added where edges span several layers. */
  dummies: number;
  /** Edges reversed to break cycles (0 for a well-formed ONNX graph). */
  reversed: number;
  /** Edge crossings between adjacent layers, before and after crossing reduction. */
  crossingsInitial: number;
  crossings: number;
  /** Time spent in each phase (ms). */
  ms: { layering: number; ordering: number; positioning: number; routing: number; total: number };
}

export type LayoutPhase = 'layering' | 'ordering' | 'positioning' | 'routing';

/** Reports progress: phase and fraction of the whole layout done (0…1). */
export type LayoutProgress = (phase: LayoutPhase, fraction: number) => void;
