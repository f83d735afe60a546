// The memory planner's answer for the two graphs: no reuse, the greedy arena and the lower bound as bars,
// and the plan of one graph as a Gantt chart of tensor lifetimes at their arena offsets (gantt.ts), with
// the largest tensors as a table (the chart's text alternative).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BlockedLayoutReport, MemoryPlan } from '../../engine';
import type { Analysis } from '../../workers/optimizerProtocol';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatBytes } from './format';
import { drawGantt } from './gantt';
import { strings } from './strings';

const TABLE_ROWS = 12;

/** A tensor's lifetime as text: "3–7", "input–0" for a graph input, "12–end" for a graph output. */
function useLifeText(plan: MemoryPlan | null | undefined) {
  const t = useStrings(strings);
  const lang = useLang();
  const steps = plan?.order.length ?? 0;
  return useCallback(
    ({ start, end }: { start: number; end: number }) => {
      const step = (s: number) => (s < 0 ? t.stepInput : s >= steps ? t.stepEnd : formatNumber(lang, s));
      return `${step(start)}–${step(end)}`;
    },
    [t, lang, steps],
  );
}

export function MemoryView({
  before: left,
  after: right,
}: {
  before: Analysis | undefined;
  after: Analysis | undefined;
}) {
  const before = left ? left.memory : undefined;
  const after = right ? right.memory : undefined;
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const [which, setWhich] = useState<'before' | 'after'>('after');
  const [selected, setSelected] = useState<string | null>(null);
  const plan = which === 'before' ? before : after;
  const bytes = (v: number) => formatBytes(lang, v);
  const steps = useLifeText(plan);
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
                      <td>{steps(x)}</td>
                      <td>{bytes(x.offset)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Blocked before={left?.nc4hw4} after={right?.nc4hw4} />
    </div>
  );
}

/** The NC4HW4 what-if: activation bytes in NCHW and blocked, and the activations that need padding. */
function Blocked({
  before,
  after,
}: {
  before: BlockedLayoutReport | null | undefined;
  after: BlockedLayoutReport | null | undefined;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const bytes = (v: number) => formatBytes(lang, v);
  const pct = (r: BlockedLayoutReport) =>
    `${formatNumber(lang, r.bytes ? (100 * r.extraBytes) / r.bytes : 0, 1)}%`;
  const padded = after
    ? [...after.activations].filter((a) => a.extraBytes > 0).sort((a, b) => b.extraBytes - a.extraBytes)
    : [];
  return (
    <section className="go-nc4hw4" aria-labelledby={id} data-testid="nc4hw4">
      <h4 id={id}>{t.nc4hw4Title}</h4>
      <p className="go-note">{t.nc4hw4Intro}</p>
      {(['before', 'after'] as const).map((side) => {
        const r = side === 'before' ? before : after;
        if (!r) return null;
        return (
          <p
            key={side}
            className="go-nc4hw4-row"
            data-side={side}
            data-bytes={r.bytes}
            data-blocked={r.blockedBytes}
          >
            {r.activations.length
              ? t.nc4hw4Row(
                  side === 'before' ? t.before : t.after,
                  bytes(r.bytes),
                  bytes(r.blockedBytes),
                  pct(r),
                )
              : t.nc4hw4None}
          </p>
        );
      })}
      {padded.length > 0 && (
        <div className="go-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-t`}>
          <table className="go-table">
            <caption id={`${id}-t`}>{t.nc4hw4Caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colTensor}</th>
                <th scope="col">{t.colChannels}</th>
                <th scope="col">{t.colPadded}</th>
                <th scope="col">{t.colExtra}</th>
              </tr>
            </thead>
            <tbody>
              {padded.slice(0, TABLE_ROWS).map((a) => (
                <tr key={a.name}>
                  <th scope="row" className="go-op">
                    {a.name}
                  </th>
                  <td>{formatNumber(lang, a.channels)}</td>
                  <td>{formatNumber(lang, a.paddedChannels)}</td>
                  <td>{bytes(a.extraBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Gantt({ plan, selected }: { plan: MemoryPlan; selected: string | null }) {
  const t = useStrings(strings);
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(box);
  const steps = useLifeText(plan);
  useEffect(() => {
    if (!svg.current || width <= 0) return;
    drawGantt(svg.current, {
      plan,
      width,
      height: 260,
      selected,
      formatBytes: (v) => formatBytes(lang, v),
      tensorLabel: (x) =>
        t.tensorTip(x.name, formatBytes(lang, x.bytes), steps(x), formatBytes(lang, x.offset)),
      xLabel: t.stepAxis,
      yLabel: t.offsetAxis,
    });
  }, [plan, width, selected, lang, t, steps]);
  return (
    <div ref={box} className="go-gantt">
      <svg ref={svg} role="img" aria-label={t.ganttAlt(plan.tensors.length)} data-testid="gantt" />
    </div>
  );
}
