// The node inspector: everything about the selected box — attributes, input and output types, the weights
// folded into it (statistics, heatmap, histogram), and the block it belongs to, with collapse/expand.
import type { Ref } from 'react';
import type { Attribute } from '../../engine';
import { useStrings } from '../../ui/i18n';
import { formatDims, formatType, roleOf, shortNumber } from './labels';
import { opMix, weightsOf, type GraphModel, type ViewNode } from './model';
import { graphViewStrings } from './strings';
import { WeightView } from './WeightView';

const MAX_LIST = 16;

const list = (values: readonly (number | string)[], format: (v: number | string) => string = String) =>
  `[${values.slice(0, MAX_LIST).map(format).join(', ')}${values.length > MAX_LIST ? `, … (${values.length})` : ''}]`;

export function formatAttribute(a: Attribute): string {
  switch (a.type) {
    case 'int':
      return String(a.value);
    case 'float':
      return shortNumber(a.value);
    case 'string':
      return JSON.stringify(a.value);
    case 'ints':
    case 'strings':
      return list(a.value);
    case 'floats':
      return list(a.value, (v) => shortNumber(v as number));
    case 'tensor':
      return `${a.value.dtype} [${formatDims(a.value.dims)}]`;
    case 'tensors':
      return `${a.value.length} tensors`;
    case 'graph':
      return `graph "${a.value.name}" (${a.value.nodes.length} nodes)`;
    case 'graphs':
      return `${a.value.length} graphs`;
    default:
      return `${a.type} (${a.value.byteLength} bytes)`;
  }
}

export interface InspectorProps {
  model: GraphModel;
  node: ViewNode | null;
  overlay: { title: string; label: string } | null;
  onToggleBlock(blockId: string): void;
  onClose(): void;
  headingRef: Ref<HTMLHeadingElement>;
}

function ValueList({
  model,
  values,
  initializers,
}: {
  model: GraphModel;
  values: string[];
  initializers: boolean;
}) {
  const t = useStrings(graphViewStrings);
  const shown = values.filter((v) => v && (initializers || !model.graph.initializers.has(v)));
  return (
    <ul>
      {shown.map((v, i) => (
        <li key={`${v}-${i}`}>
          <code>{v}</code> <span className="gv-type">{formatType(model.typeOf(v)) || t.unknownType}</span>
          {model.graph.initializers.has(v) && <span className="badge">{t.weight}</span>}
        </li>
      ))}
    </ul>
  );
}

export function Inspector({ model, node, overlay, onToggleBlock, onClose, headingRef }: InspectorProps) {
  const t = useStrings(graphViewStrings);
  if (!node)
    return (
      <aside className="gv-inspector" aria-label={t.inspector}>
        <p className="gv-caption">{t.noSelection}</p>
      </aside>
    );
  const { graph } = model;
  const head = (
    <div className="gv-inspector-head">
      <div>
        <div className="gv-kind">{t.kind[node.kind]}</div>
        <h3 ref={headingRef} tabIndex={-1}>
          {node.title}
        </h3>
      </div>
      <button type="button" className="icon-button" onClick={onClose} aria-label={t.close}>
        ×
      </button>
    </div>
  );
  const overlayLine = overlay && (
    <p>
      {overlay.title}: <strong>{overlay.label}</strong>
    </p>
  );

  if (node.kind === 'block') {
    const block = model.blocks[node.ref];
    return (
      <aside className="gv-inspector" aria-label={t.inspector} data-testid="inspector">
        {head}
        {overlayLine}
        <dl>
          <dt>{t.name}</dt>
          <dd>{block.id}</dd>
          <dt>{t.contains}</dt>
          <dd>{t.blockSize(block.members.length)}</dd>
        </dl>
        <p>{opMix(graph, block.members, 12)}</p>
        <button type="button" className="button" onClick={() => onToggleBlock(block.id)}>
          {t.expandBlock}
        </button>
      </aside>
    );
  }

  if (node.kind !== 'op') {
    const value = node.kind === 'input' ? graph.inputs[node.ref] : graph.outputs[node.ref];
    return (
      <aside className="gv-inspector" aria-label={t.inspector} data-testid="inspector">
        {head}
        <dl>
          <dt>{t.name}</dt>
          <dd>{value.name}</dd>
          <dt>{t.kind[node.kind]}</dt>
          <dd>{formatType(model.typeOf(value.name)) || t.unknownType}</dd>
        </dl>
      </aside>
    );
  }

  const irNode = graph.nodes[node.ref];
  const attributes = Object.entries(irNode.attributes);
  const chain = model.chains[node.ref].map((b) => model.blocks[b]);
  return (
    <aside className="gv-inspector" aria-label={t.inspector} data-testid="inspector">
      {head}
      {overlayLine}
      <dl>
        <dt>{t.name}</dt>
        <dd>{irNode.name || '—'}</dd>
        {irNode.domain && (
          <>
            <dt>{t.domain}</dt>
            <dd>{irNode.domain}</dd>
          </>
        )}
      </dl>
      {chain.length > 0 && (
        <p>
          {t.inBlock}:{' '}
          {chain.map((b) => (
            <button key={b.id} type="button" className="button" onClick={() => onToggleBlock(b.id)}>
              {t.collapseBlock(b.label)}
            </button>
          ))}
        </p>
      )}
      <h4>{t.attributes}</h4>
      {attributes.length ? (
        <dl>
          {attributes.map(([name, a]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>{name}</dt>
              <dd>{formatAttribute(a)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="gv-caption">{t.noAttributes}</p>
      )}
      <h4>{t.inputs}</h4>
      <ValueList model={model} values={irNode.inputs} initializers />
      <h4>{t.outputs}</h4>
      <ValueList model={model} values={irNode.outputs} initializers={false} />
      {weightsOf(model, node.ref).length > 0 && <h4>{t.weights}</h4>}
      {weightsOf(model, node.ref).map((w) => (
        <WeightView key={w.name} name={w.name} role={roleOf(irNode.opType, w.input)} tensor={w.tensor} />
      ))}
    </aside>
  );
}
