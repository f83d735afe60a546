// Search by operator type or node name. Results come in a useful order: nodes whose operator type is the
// query ("conv" → every Conv), then operator types starting with it, then names containing it, each group
// in graph order, so "next match" walks down the graph.

export interface Searchable {
  key: string;
  name: string;
  opType: string;
}

/** Indices of the entries matching the query (case-insensitive); none for a blank query. */
export function searchNodes(entries: readonly Searchable[], query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const exact: number[] = [];
  const prefix: number[] = [];
  const named: number[] = [];
  entries.forEach((e, i) => {
    const op = e.opType.toLowerCase();
    if (op === q) exact.push(i);
    else if (op.startsWith(q)) prefix.push(i);
    else if (e.name.toLowerCase().includes(q) || e.key.toLowerCase().includes(q)) named.push(i);
  });
  return [...exact, ...prefix, ...named];
}

/** The match after (or before, step −1) the current one, wrapping around; 0 when there is no current. */
export function stepMatch(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
