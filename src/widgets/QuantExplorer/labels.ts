// Short, readable names for a model's layers: exporters write scope paths such as
// "/features/features.2/conv/conv.1/conv.1.0/Conv", where each scope repeats its parent's name. Dropping
// a component that the next one extends ("features" before "features.2") keeps what tells layers apart.
import type { QuantTarget } from '../../engine';

export function shortNodeName(name: string): string {
  const parts = name.split('/').filter(Boolean);
  const kept = parts.filter((p, i) => !(i + 1 < parts.length && parts[i + 1].startsWith(`${p}.`)));
  return kept.join('/') || name;
}

/** "block1.0/Conv · 16×1×3×3" for a weight, "block1.2/Relu" for an activation. */
export function targetLabel(t: QuantTarget): string {
  const node = shortNodeName(t.node);
  return t.dims ? `${node} · ${t.dims.join('×')}` : node;
}
