// Rehype plugin: a Markdown table whose top-left header cell is empty labels its rows by their first
// cell (| | Training | Inference | …): those cells become row headers (<th scope="row">), so that every
// data cell has a column and a row header, as screen readers — and axe's td-has-header — expect. The empty
// corner becomes a plain cell: it heads nothing.

interface Node {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}

const elements = (node: Node | undefined, tagName: string) =>
  (node?.children ?? []).filter((c) => c.type === 'element' && c.tagName === tagName);

const isBlank = (node: Node): boolean =>
  node.type === 'text'
    ? !String((node as { value?: unknown }).value ?? '').trim()
    : (node.children ?? []).every(isBlank);

function labelRows(table: Node) {
  const [head] = elements(table, 'thead');
  const [corner] = elements(elements(head, 'tr')[0], 'th');
  if (!corner || !isBlank(corner)) return;
  corner.tagName = 'td';
  for (const body of elements(table, 'tbody'))
    for (const row of elements(body, 'tr')) {
      const [first] = elements(row, 'td');
      if (!first || row.children?.find((c) => c.type === 'element') !== first) continue;
      first.tagName = 'th';
      first.properties = { ...first.properties, scope: 'row' };
    }
}

function walk(node: Node) {
  if (node.type === 'element' && node.tagName === 'table') labelRows(node);
  node.children?.forEach(walk);
}

export default function rehypeRowHeaders() {
  return (tree: Node) => walk(tree);
}
