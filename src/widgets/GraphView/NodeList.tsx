// The text alternative to the canvas: every box as a table row, in reading order, with where its edges
// come from and go to. Rendered only while open (a 5,000-row table is not free).
import { useMemo, useState } from 'react';
import { useStrings } from '../../ui/i18n';
import type { Scene } from './scene';
import { graphViewStrings } from './strings';

export function NodeList({ scene, onChoose }: { scene: Scene; onChoose(key: string): void }) {
  const t = useStrings(graphViewStrings);
  const [open, setOpen] = useState(false);
  const neighbours = useMemo(() => {
    if (!open) return null;
    const from: string[][] = scene.view.nodes.map(() => []);
    const to: string[][] = scene.view.nodes.map(() => []);
    for (const e of scene.view.edges) {
      from[e.to].push(scene.view.nodes[e.from].title);
      to[e.from].push(scene.view.nodes[e.to].title);
    }
    return { from, to };
  }, [open, scene]);
  return (
    <details className="gv-nodelist" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t.nodeList}</summary>
      {neighbours && (
        <table>
          <caption className="gv-caption">{t.nodeListCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.box}</th>
              <th scope="col">{t.columns.detail}</th>
              <th scope="col">{t.columns.inputs}</th>
              <th scope="col">{t.columns.outputs}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from(scene.readingOrder, (i) => {
              const node = scene.view.nodes[i];
              return (
                <tr key={node.key}>
                  <th scope="row">
                    <button type="button" onClick={() => onChoose(node.key)} title={node.key}>
                      {node.title}
                    </button>
                  </th>
                  <td>{[node.detail, node.weights].filter(Boolean).join(' · ')}</td>
                  <td>{neighbours.from[i].join(', ')}</td>
                  <td>{neighbours.to[i].join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}
