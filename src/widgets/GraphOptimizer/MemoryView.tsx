// The memory planner's answer for the two graphs: no reuse, the greedy arena and the lower bound as bars,
// and the plan of one graph as a Gantt chart of tensor lifetimes at their arena offsets (gantt.ts), with
// the largest tensors as a table (the chart's text alternative).
import { useEffect, useId, useRef, useState } from 'react';
import type { MemoryPlan } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatBytes } from './format';
import { drawGantt } from './gantt';
import { strings } from './strings';

const TABLE_ROWS = 12;

export function MemoryView({
  before,
  after,
}: {
  before: MemoryPlan | null | undefined;
  after: MemoryPlan | null | undefined;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const [which, setWhich] = useState<'before' | 'after'>('after');
  const [selected, setSelected] = useState<string | null>(null);
  const plan = which === 'before' ? before : after;
  const bytes = (v: number) => formatBytes(lang, v);
  const max = Math.max(1, before?.naiveBytes ?? 0, after?.naiveBytes ?? 0);
  const bars: [string, keyof Pick<MemoryPlan, 'naiveBytes' | 'plannedBytes' | 'lowerBoundBytes'>][] = [
    [t.naive, 'naiveBytes'],
    [t.planned, 'plannedBytes'],
    [t.lowerBound, 'lowerBoundBytes'],
  ];
  return (
    <div className="go-memory" data-testid="memory-view">
      <h4>{t.memoryTitle}</h4>
      <div className="go-bars">
        {(['before', 'after'] as const).map((side) => {
          const p = side === 'before' ? before : after;
          return (
            <div key={side} className="go-bar-group" data-side={side}>
              <p className="go-bar-title">{side === 'before' ? t.before : t.after}</p>
              {p ? (
                bars.map(([label, field]) => (
                  <div key={field} className="go-bar-row" data-key={field} data-bytes={p[field]}>
                    <span className="go-bar-label">{label}</span>
                    <span className="go-bar" aria-hidden="true">
                      <span
                        className={`go-bar-fill ${field}`}
                        style={{ width: `${(100 * p[field]) / max}%` }}
                      />
                    </span>
                    <span className="go-bar-value">{bytes(p[field])}</span>
                  </div>
                ))
              ) : (
                <p className="go-note">{p === null ? t.memoryNone : t.analysing}</p>
              )}
            </div>
          );
        })}
      </div>
      <label className="go-field">
        <span>{t.memoryOf}</span>
        <select value={which} onChange={(e) => setWhich(e.target.value as 'before' | 'after')}>
          <option value="before">{t.before}</option>
          <option value="after">{t.after}</option>
        </select>
      </label>
      {plan && (
        <>
          <Gantt plan={plan} selected={selected} />
          {plan.inPlace.length > 0 && (
            <p className="go-note">
              {t.inPlace(plan.inPlace.length, bytes(plan.inPlace.reduce((s, o) => s + o.bytes, 0)))}
            </p>
          )}
          <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
            <table className="go-table" data-testid="tensors-table">
              <caption id={id}>{t.tensorsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colTensor}</th>
                  <th scope="col">{t.colSize}</th>
                  <th scope="col">{t.colLife}</th>
                  <th scope="col">{t.colOffset}</th>
                </tr>
              </thead>
              <tbody>
                {[...plan.tensors]
                  .sort((a, b) => b.bytes - a.bytes)
                  .slice(0, TABLE_ROWS)
                  .map((x) => (
                    <tr
                      key={x.name}
                      onMouseEnter={() => setSelected(x.name)}
                      onMouseLeave={() => setSelected(null)}
                    >
                      <th scope="row" className="go-op">
                        {x.name}
                      </th>
                      <td>{bytes(x.bytes)}</td>
                      <td>
                        {formatNumber(lang, x.start)}–{formatNumber(lang, x.end)}
                      </td>
                      <td>{bytes(x.offset)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function Gantt({ plan, selected }: { plan: MemoryPlan; selected: string | null }) {
  const t = useStrings(strings);
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(box);
  useEffect(() => {
    if (!svg.current || width <= 0) return;
    drawGantt(svg.current, {
      plan,
      width,
      height: 260,
      selected,
      formatBytes: (v) => formatBytes(lang, v),
      tensorLabel: (x) =>
        t.tensorTip(x.name, formatBytes(lang, x.bytes), x.start, x.end, formatBytes(lang, x.offset)),
      xLabel: t.stepAxis,
      yLabel: t.offsetAxis,
    });
  }, [plan, width, selected, lang, t]);
  return (
    <div ref={box} className="go-gantt">
      <svg ref={svg} role="img" aria-label={t.ganttAlt(plan.tensors.length)} data-testid="gantt" />
    </div>
  );
}
