// Compressed adjacency (CSR): for node v, its edge ids are ids[start[v]] … ids[start[v + 1] - 1].
// Built once per phase so the inner loops walk flat typed arrays instead of arrays of arrays.

export interface Adjacency {
  start: Int32Array;
  ids: Int32Array;
}

/** Groups edge ids by `key[e]` (the source for out-edges, the target for in-edges), keeping edge order. */
export function adjacency(n: number, key: Int32Array, edgeCount = key.length): Adjacency {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edgeCount; e++) start[key[e] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const ids = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) ids[fill[key[e]]++] = e;
  return { start, ids };
}
