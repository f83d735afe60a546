// 1-D Winograd F(2,3), replayed from the engine: the filter transform u = G g, then per tile v = Bᵀ d,
// p = u ⊙ v (4 multiplications) and y = Aᵀ p, checked against the traced direct correlation.
import { useId, useMemo, useRef, useState } from 'react';
import { useStrings } from '../../ui/i18n';
import { StepControls, StepperStage } from '../../ui/StepControls';
import { usePlayback } from '../../ui/usePlayback';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatSig } from '../kernels-common/format';
import { cellsThatFit, fitCell, followWindow, type CellMark } from '../kernels-common/grid';
import { GridPanel, remPx } from '../kernels-common/GridPanel';
import { Matrix, Op } from '../kernels-common/Matrix';
import { Counts, Errors } from './Counts';
import { run1d, running1d, type Run1d } from './model';
import { strings } from './strings';

const LENGTHS = [6, 8, 10, 12, 16, 24, 32];

export function Stepper1d({ fp16 }: { fp16: boolean }) {
  const t = useStrings(strings);
  const id = useId();
  const [length, setLength] = useState(10);
  const [seed, setSeed] = useState(1);
  const run = useMemo(() => run1d(length, seed, fp16), [length, seed, fp16]);
  return (
    <>
      <div className="wg-options">
        <label className="wg-field" htmlFor={`${id}-length`}>
          {t.signalLength}
          <select
            id={`${id}-length`}
            value={length}
            onChange={(e) => setLength(Number(e.target.value))}
            data-testid="signal-length"
          >
            {LENGTHS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => setSeed((s) => s + 1)}>
          {t.newValues}
        </button>
        <span className="wg-seed">{t.seed(seed)}</span>
        <span className="wg-seed">{t.filter1d(run.filter.map((g) => formatSig(g, 3)).join(', '))}</span>
      </div>
      <Timeline key={`${length}/${seed}/${fp16}`} run={run} />
      <Errors
        rows={[
          { name: t.directRow, fp32: run.errors.direct, current: false },
          { name: 'F(2,3)', fp32: run.errors.winograd.fp32, fp16: run.errors.winograd.fp16, current: true },
        ]}
      />
    </>
  );
}

function Timeline({ run }: { run: Run1d }) {
  const t = useStrings(strings);
  const stepId = useId();
  const playback = usePlayback(run.events.length);
  const i = playback.step;
  const event = run.events[i];
  const running = running1d(run, i);
  const { BT, G, AT } = run.matrices;
  const u = run.events[0].kind === 'filter' ? run.events[0].data.u : [];
  return (
    <>
      <StepperStage
        className="wg-stage"
        playback={playback}
        label={t.mode1d}
        describedBy={stepId}
        data-kind={event.kind}
      >
        <p id={stepId} className="wg-step" aria-live="polite">
          {event.kind === 'filter'
            ? t.filterStep1d
            : `${t.tileStep1d(event.data.t, 2 * event.data.t, 2 * event.data.t + 3)}${event.data.count < 2 ? ` ${t.lastTile1d}` : ''}`}
        </p>
        <Strips run={run} step={i} />
        {event.kind === 'filter' ? (
          <div className="kx-equation">
            <Matrix name="G" values={G.flat()} rows={4} cols={3} exact />
            <Op>·</Op>
            <Matrix name="g" values={event.data.g} rows={3} cols={1} />
            <Op>=</Op>
            <Matrix name="u = G g" values={event.data.u} rows={4} cols={1} testId="u" />
          </div>
        ) : (
          <>
            <div className="kx-equation">
              <Matrix name="Bᵀ" values={BT.flat()} rows={4} cols={4} exact />
              <Op>·</Op>
              <Matrix name="d" values={event.data.d} rows={4} cols={1} />
              <Op>=</Op>
              <Matrix name="v = Bᵀ d" values={event.data.v} rows={4} cols={1} />
            </div>
            <div className="kx-equation">
              <Matrix name="u" values={u} rows={4} cols={1} />
              <Op>⊙</Op>
              <Matrix name="v" values={event.data.v} rows={4} cols={1} />
              <Op>=</Op>
              <Matrix name="p = u ⊙ v" values={event.data.p} rows={4} cols={1} testId="p" />
              <Op>→</Op>
              <Matrix name="Aᵀ" values={AT.flat()} rows={2} cols={4} exact />
              <Op>·</Op>
              <Matrix name="p" values={event.data.p} rows={4} cols={1} />
              <Op>=</Op>
              <Matrix
                name="y = Aᵀ p"
                values={event.data.y.slice(0, event.data.count)}
                rows={event.data.count}
                cols={1}
                testId="y"
              />
            </div>
            <ul className="wg-direct">
              {Array.from({ length: event.data.count }, (_, k) => {
                const d = run.direct[2 * event.data.t + k].data;
                return (
                  <li key={k}>
                    {t.directCheck(d.i)}{' '}
                    {d.d.map((v, j) => `(${formatSig(v)})(${formatSig(run.filter[j])})`).join(' + ')} ={' '}
                    <strong>{formatSig(d.value, 5)}</strong>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        <StepControls playback={playback} />
      </StepperStage>
      <Counts
        running={running}
        total={{ winograd: run.winogradCounts.mults, direct: run.directCounts.mults }}
        transformOps={run.winogradCounts.transformOps}
        perTile={t.perTile1d}
        note={t.exact1d}
      />
    </>
  );
}

function Strips({ run, step }: { run: Run1d; step: number }) {
  const t = useStrings(strings);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) || 600;
  const rem = remPx();
  const event = run.events[step];
  const tile = event.kind === 'tile' ? event.data.t : -1;
  const done = new Map<number, number>();
  for (const e of run.events.slice(0, step + 1))
    if (e.kind === 'tile') for (let k = 0; k < e.data.count; k++) done.set(2 * e.data.t + k, e.data.y[k]);
  const n = run.signal.length;
  const cell = fitCell(width, n, rem, 2.2, 2.8);
  const visible = Math.min(n, cellsThatFit(width, cell, rem));
  const c0 = followWindow(n, visible, Math.max(0, 2 * tile), 4);
  const outs = n - 2;
  const o0 = followWindow(outs, Math.min(outs, visible), Math.max(0, 2 * tile), 2);
  return (
    <div ref={box} className="kg-panels wg-strips">
      <GridPanel
        testId="signal-strip"
        title={t.signal}
        label={t.signal}
        grid={{
          rows: 1,
          cols: visible,
          c0,
          cell,
          rem,
          labels: true,
          maxAbs: 1,
          value: (_, j) => run.signal[j],
          mark: (_, j): CellMark => (tile >= 0 && j >= 2 * tile && j < 2 * tile + 4 ? 'source' : ''),
        }}
      />
      <GridPanel
        testId="output-strip"
        title={t.outputs}
        label={t.outputs}
        grid={{
          rows: 1,
          cols: Math.min(outs, visible),
          c0: o0,
          cell,
          rem,
          labels: true,
          maxAbs: 3,
          value: (_, j) => done.get(j) ?? 0,
          mark: (_, j): CellMark =>
            tile >= 0 && (j === 2 * tile || j === 2 * tile + 1) ? 'current' : done.has(j) ? '' : 'todo',
        }}
      />
    </div>
  );
}
