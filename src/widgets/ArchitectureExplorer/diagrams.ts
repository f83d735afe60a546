// The two diagrams as data: boxes on a grid (one placement for wide screens, one for narrow), arrows
// between them, and the lessons that open each box. The words live in strings.ts; geometry in layout.ts.

export type ViewName = 'system' | 'engine';
export type EdgeKind = 'data' | 'control' | 'optional';

export interface Cell {
  col: number;
  row: number;
  /** Columns the box spans (default 1). */
  span?: number;
}

export interface DiagramNode {
  id: string;
  wide: Cell;
  narrow: Cell;
  /** Lessons that cover the box, as "chapter-slug/lesson-slug". */
  lessons: string[];
}

export interface DiagramEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface DiagramGroup {
  id: string;
  nodes: string[];
}

export interface Diagram {
  /** Reading order: Tab follows it, and it is the order of the text alternatives. */
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
}

/** The narrow placement of a box that is laid out by rows on wide screens: rows become columns. */
const transposed = (col: number, row: number): { wide: Cell; narrow: Cell } => ({
  wide: { col, row },
  narrow: { col: row, row: col },
});

// Wide: the request path runs left to right along the top row and comes back along the second; the control
// plane sits underneath. Narrow: the same picture transposed (columns become rows), so no arrow crosses a box.
const system: Diagram = {
  nodes: [
    { id: 'client', ...transposed(0, 0), lessons: ['inference-systems/inference-system'] },
    { id: 'gateway', ...transposed(1, 0), lessons: ['inference-systems/workflow'] },
    { id: 'preprocess', ...transposed(2, 0), lessons: ['inference-systems/workflow'] },
    {
      id: 'batcher',
      ...transposed(3, 0),
      lessons: ['inference-systems/system-architecture', 'runtime/dynamic-batching'],
    },
    {
      id: 'scheduler',
      ...transposed(3, 1),
      lessons: ['runtime/dynamic-batching', 'runtime/concurrency-memory'],
    },
    { id: 'engines', ...transposed(2, 1), lessons: ['inference-systems/engine-architecture'] },
    { id: 'postprocess', ...transposed(1, 1), lessons: ['inference-systems/workflow'] },
    {
      id: 'models',
      ...transposed(1, 2),
      lessons: ['runtime/scaling-reliability', 'inference-systems/workflow'],
    },
    { id: 'monitoring', ...transposed(2, 2), lessons: ['runtime/scaling-reliability'] },
    { id: 'autoscaler', ...transposed(3, 2), lessons: ['runtime/scaling-reliability'] },
  ],
  edges: [
    { from: 'client', to: 'gateway', kind: 'data' },
    { from: 'gateway', to: 'preprocess', kind: 'data' },
    { from: 'preprocess', to: 'batcher', kind: 'data' },
    { from: 'batcher', to: 'scheduler', kind: 'data' },
    { from: 'scheduler', to: 'engines', kind: 'data' },
    { from: 'engines', to: 'postprocess', kind: 'data' },
    { from: 'postprocess', to: 'gateway', kind: 'data' },
    { from: 'gateway', to: 'client', kind: 'data' },
    { from: 'models', to: 'engines', kind: 'control' },
    { from: 'engines', to: 'monitoring', kind: 'control' },
    { from: 'monitoring', to: 'autoscaler', kind: 'control' },
    { from: 'autoscaler', to: 'engines', kind: 'control' },
  ],
  groups: [],
};

// The offline part prepares the model once; the online part runs it, layer on layer down to the device.
const engine: Diagram = {
  nodes: [
    {
      id: 'converter',
      wide: { col: 0, row: 0 },
      narrow: { col: 0, row: 0 },
      lessons: [
        'conversion-optimization/converter-overview',
        'conversion-optimization/formats',
        'conversion-optimization/graph-ir',
      ],
    },
    {
      id: 'optimizer',
      wide: { col: 1, row: 0 },
      narrow: { col: 1, row: 0 },
      lessons: [
        'conversion-optimization/optimization-strategy',
        'conversion-optimization/constant-folding',
        'conversion-optimization/operator-fusion',
      ],
    },
    {
      id: 'compression',
      wide: { col: 2, row: 0 },
      narrow: { col: 0, row: 1 },
      lessons: [
        'compression/overview',
        'compression/low-bit-quantization',
        'compression/pruning',
        'compression/distillation-principle',
      ],
    },
    {
      id: 'runtime',
      wide: { col: 0, row: 1, span: 3 },
      narrow: { col: 0, row: 2, span: 2 },
      lessons: ['runtime/concurrency-memory', 'conversion-optimization/layout-memory'],
    },
    {
      id: 'kernels',
      wide: { col: 0, row: 2, span: 3 },
      narrow: { col: 0, row: 3, span: 2 },
      lessons: ['kernels/im2col', 'kernels/winograd', 'kernels/qnnpack'],
    },
    {
      id: 'devices',
      wide: { col: 0, row: 3, span: 3 },
      narrow: { col: 0, row: 4, span: 2 },
      lessons: ['kernels/architecture', 'kernels/memory-layouts', 'kernels/loop-optimization'],
    },
  ],
  edges: [
    { from: 'converter', to: 'optimizer', kind: 'data' },
    { from: 'optimizer', to: 'compression', kind: 'data' },
    { from: 'compression', to: 'runtime', kind: 'data' },
    { from: 'optimizer', to: 'runtime', kind: 'optional' },
    { from: 'runtime', to: 'kernels', kind: 'data' },
    { from: 'kernels', to: 'devices', kind: 'data' },
  ],
  groups: [
    { id: 'offline', nodes: ['converter', 'optimizer', 'compression'] },
    { id: 'online', nodes: ['runtime', 'kernels', 'devices'] },
  ],
};

export const diagrams: Record<ViewName, Diagram> = { system, engine };
