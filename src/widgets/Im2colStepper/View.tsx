// <Im2colStepper />: im2col + GEMM replayed from the engine's run on a real layer (or a shape of one's own):
// patch ↔ column of the lowered matrix, then the GEMM row by row, with the memory blow-up from the engine's
// counters growing as the columns are copied. The engine runs the whole layer in the kernels Worker.
import { Fragment, useId, useMemo, useRef, useState } from 'react';
import type { ConvShape } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { StepControls, StepperStage } from '../../ui/StepControls';
import { usePlayback } from '../../ui/usePlayback';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatRange, formatRatio, formatSig, formatValue } from '../kernels-common/format';
import { cellsThatFit, fitCell, followWindow, maxAbs, type CellMark } from '../kernels-common/grid';
import { GridPanel, remPx } from '../kernels-common/GridPanel';
import { JobView } from '../kernels-common/JobStatus';
import { LayerPicker } from '../kernels-common/LayerPicker';
import { layerInput, type LayerSource, type PickedLayer } from '../kernels-common/layerSpec';
import { useKernelJob } from '../kernels-common/useKernelJob';
import type { Im2colRun } from '../../workers/kernelRuns/im2col';
import { loweredAt, outputAt, rowTap, stepAt, stepCount, type Im2colStep } from './model';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import '../kernels-common/kernels-common.css';
import './Im2colStepper.css';

const FIRST_LAYER: LayerSource = { kind: 'model', model: 'digits-cnn', layer: '/block1/block1.0/Conv' };
/** Rows of a column or matrix drawn at most; taller ones are cropped (and say so). */
const MAX_ROWS = 27;
const TERMS_SHOWN = 9;

export default function Im2colStepper() {
  const t = useStrings(strings);
  const [layer, setLayer] = useState<PickedLayer | null>(null);
  const job = useMemo(
    () => layer && { key: layer.key, input: layer, request: { layer: layerInput(layer) } },
    [layer],
  );
  const run = useKernelJob('im2col', job);
  return (
    <WidgetFrame kind="im2col-stepper" title={t.title} subtitle={t.subtitle} data-testid="im2col-stepper">
      <LayerPicker initial={FIRST_LAYER} values="integers" onChange={setLayer} />
      <JobView
        handle={run}
        currentKey={layer?.key ?? null}
        waiting={<p className="i2c-waiting">{t.waiting}</p>}
      >
        {(r) => <Stepper key={r.key} layer={r.input} run={r.value} />}
      </JobView>
    </WidgetFrame>
  );
}

function Stepper({ layer, run }: { layer: PickedLayer; run: Im2colRun }) {
  const t = useStrings(strings);
  const lang = useLang();
  const stepId = useId();
  const playback = usePlayback(stepCount(run));
  const i = playback.step;
  const step = stepAt(run, i);
  const s = layer.shape;
  const n = (v: number) => formatNumber(lang, v);
  return (
    <>
      <p className="i2c-convention">{t.convention(s.mg, run.rows, run.cols)}</p>
      <StepperStage
        className="i2c-stage"
        playback={playback}
        label={t.title}
        describedBy={stepId}
        data-phase={step.phase}
      >
        <p id={stepId} className="i2c-step" aria-live="polite">
          {step.phase === 'patch'
            ? t.patchStep(step.p, run.patches[step.p].oh, run.patches[step.p].ow, run.cols)
            : t.gemmStep(step.row, run.gemmRows)}
        </p>
        <Panels layer={layer} s={s} run={run} step={step} />
        <Memory run={run} step={step} />
        <StepControls playback={playback} />
      </StepperStage>
      <p className="widget-caption">
        {t.total(n(run.counts.mults))} {s.group > 1 && t.groupNote(s.group)}{' '}
        {run.patches.length < run.cols && (
          <strong data-testid="trace-window">{t.truncated(n(run.patches.length), n(run.cols))}</strong>
        )}
      </p>
    </>
  );
}

function Panels({
  layer,
  s,
  run,
  step,
}: {
  layer: PickedLayer;
  s: ConvShape;
  run: Im2colRun;
  step: Im2colStep;
}) {
  const t = useStrings(strings);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) || 600;
  const rem = remPx();
  const xMax = useMemo(() => maxAbs(layer.x.data), [layer]);
  const wMax = useMemo(() => maxAbs(layer.w.data), [layer]);
  const yMax = useMemo(() => maxAbs(run.output), [run]);
  // The column shown in detail: the patch being copied, or (during the GEMM) the centre pixel's, away from padding.
  const centre = Math.min(run.patches.length - 1, Math.floor(s.oh / 2) * s.ow + Math.floor(s.ow / 2));
  const p = step.phase === 'patch' ? step.p : centre;
  const patch = run.patches[p];

  // Matrices: small cells that fit the width (numbers only where they fit), cropped around the current column.
  const cell = Math.max(
    4,
    Math.min(2.4 * rem, Math.floor((width - 1.5 * rem - 4) / run.cols), (22 * rem) / run.rows),
  );
  const visCols = Math.min(run.cols, cellsThatFit(width, cell, rem));
  const visRows = Math.min(run.rows, Math.floor((22 * rem) / cell));
  // The window follows the current column within the traced ones (a large layer's later columns are not traced).
  const traced = (visible: number) => Math.min(run.cols, Math.max(run.patches.length, visible));
  const col0 = followWindow(traced(visCols), visCols, p);
  const crop = (rows: number, all: number, c0: number, cols: number, allCols: number) =>
    rows < all || cols < allCols
      ? t.cropped(formatRange(0, rows - 1), formatRange(c0, c0 + cols - 1))
      : undefined;

  const lowered = (
    <GridPanel
      testId="lowered-panel"
      title={t.lowered(run.rows, run.cols)}
      label={`${t.lowered(run.rows, run.cols)}. ${t.loweredAlt}`}
      note={crop(visRows, run.rows, col0, visCols, run.cols)}
      grid={{
        rows: visRows,
        cols: visCols,
        c0: col0,
        cell,
        rem,
        labels: cell >= 0.9 * rem,
        maxAbs: xMax,
        value: (r, c) => loweredAt(run, step, r, c) ?? 0,
        mark: (r, c): CellMark =>
          loweredAt(run, step, r, c) === null
            ? 'todo'
            : c !== p
              ? ''
              : step.phase === 'patch'
                ? 'current'
                : 'hit',
      }}
    />
  );

  if (step.phase === 'gemm') {
    const row = step.row;
    // W has few columns: its own, larger cells; Y shares the lowered matrix's columns and cell width.
    const tall = (c: number) => Math.max(4, Math.min(c, (18 * rem) / run.gemmRows));
    const wCell = tall(Math.min(2.4 * rem, Math.floor((width - 1.5 * rem - 4) / run.rows)));
    const gemmCell = tall(cell);
    const wRows = Math.min(run.gemmRows, Math.floor((18 * rem) / gemmCell));
    const wCols = Math.min(run.rows, cellsThatFit(width, wCell, rem));
    const wRow0 = followWindow(run.gemmRows, wRows, row);
    const yCols = Math.min(run.cols, cellsThatFit(width, gemmCell, rem));
    const yCol0 = followWindow(traced(yCols), yCols, p);
    const terms = Array.from({ length: run.rows }, (_, r) => ({
      w: layer.w.data[row * run.rows + r],
      l: patch.column[r],
    }));
    const value = outputAt(run, row, p) ?? 0;
    return (
      <div ref={box}>
        <div className="kg-panels">
          <GridPanel
            testId="filter-panel"
            title={t.filters(run.gemmRows, run.rows)}
            label={`${t.filters(run.gemmRows, run.rows)}. ${t.filtersAlt}`}
            note={
              wRows < run.gemmRows || wCols < run.rows
                ? t.cropped(formatRange(wRow0, wRow0 + wRows - 1), formatRange(0, wCols - 1))
                : undefined
            }
            grid={{
              rows: wRows,
              cols: wCols,
              r0: wRow0,
              cell: wCell,
              rem,
              labels: wCell >= 0.9 * rem,
              maxAbs: wMax,
              value: (i, j) => layer.w.data[i * run.rows + j],
              mark: (i): CellMark => (i === row ? 'hit' : 'dim'),
            }}
          />
          {lowered}
          <GridPanel
            testId="output-matrix-panel"
            title={t.outputMatrix(run.gemmRows, run.cols)}
            label={`${t.outputMatrix(run.gemmRows, run.cols)}. ${t.outputAlt}`}
            note={
              wRows < run.gemmRows || yCols < run.cols
                ? t.cropped(formatRange(wRow0, wRow0 + wRows - 1), formatRange(yCol0, yCol0 + yCols - 1))
                : undefined
            }
            grid={{
              rows: wRows,
              cols: yCols,
              r0: wRow0,
              c0: yCol0,
              cell: gemmCell,
              rem,
              labels: gemmCell >= 0.9 * rem,
              maxAbs: yMax,
              value: (i, j) => outputAt(run, i, j) ?? 0,
              mark: (i, j): CellMark =>
                i > row || outputAt(run, i, j) === null
                  ? 'todo'
                  : i === row
                    ? j === p
                      ? 'current'
                      : 'hit'
                    : '',
            }}
          />
        </div>
        <div className="i2c-dot" data-testid="gemm-dot" data-value={value}>
          <p className="i2c-dot-title">{t.dotTitle(row, p)}</p>
          <p className="i2c-dot-formula">
            {terms.slice(0, TERMS_SHOWN).map((term, r) => (
              <Fragment key={r}>
                {r > 0 ? ' + ' : ''}
                <span className="i2c-term">
                  ({formatSig(term.w)})({formatSig(term.l)})
                </span>
              </Fragment>
            ))}
            {terms.length > TERMS_SHOWN && (
              <span className="i2c-more"> {t.moreTerms(terms.length - TERMS_SHOWN)}</span>
            )}
            {layer.bias && (
              <>
                {' + '}
                <span className="i2c-term">
                  {formatSig(layer.bias.data[row])} <span className="i2c-more">({t.bias})</span>
                </span>
              </>
            )}{' '}
            <span className="i2c-term">
              = <strong>{formatValue(value, 4)}</strong>
            </span>
          </p>
        </div>
      </div>
    );
  }

  // Patch phase: the input channels of group 0 with the window, the column in detail, the lowered matrix.
  const channels = Array.from({ length: Math.min(s.cg, width < 560 ? 1 : 2) }, (_, c) => c);
  const paddedH = s.h + s.padTop + s.padBottom;
  const paddedW = s.w + s.padLeft + s.padRight;
  const inCell = fitCell(width, Math.min(12, paddedW), rem, 1.7, 2.4);
  const inVis = Math.min(12, cellsThatFit(width, inCell, rem));
  const spanH = s.dilationH * (s.kh - 1) + 1;
  const spanW = s.dilationW * (s.kw - 1) + 1;
  const inRows = Math.min(paddedH, inVis);
  const inCols = Math.min(paddedW, inVis);
  const r0 = followWindow(paddedH, inRows, patch.ih0 + s.padTop, spanH) - s.padTop;
  const c0 = followWindow(paddedW, inCols, patch.iw0 + s.padLeft, spanW) - s.padLeft;
  // The window's positions, padding included: row r of the column is tap (c, kh, kw) at (ih0 + kh·d, iw0 + kw·d).
  const inWindow = new Set(
    patch.column.map((_, r) => {
      const tap = rowTap(r, s.kh, s.kw);
      return `${tap.c},${patch.ih0 + tap.kh * s.dilationH},${patch.iw0 + tap.kw * s.dilationW}`;
    }),
  );
  const colRows = Math.min(run.rows, MAX_ROWS);
  return (
    <div ref={box}>
      <div className="kg-panels">
        {channels.map((c) => (
          <GridPanel
            key={c}
            testId="input-panel"
            title={t.input(c)}
            label={`${t.input(c)}. ${t.inputAlt}`}
            note={
              inRows < paddedH || inCols < paddedW
                ? t.cropped(formatRange(r0, r0 + inRows - 1), formatRange(c0, c0 + inCols - 1))
                : undefined
            }
            grid={{
              rows: inRows,
              cols: inCols,
              r0,
              c0,
              cell: inCell,
              rem,
              labels: true,
              maxAbs: xMax,
              value: (ih, iw) =>
                ih < 0 || iw < 0 || ih >= s.h || iw >= s.w ? null : layer.x.data[(c * s.h + ih) * s.w + iw],
              mark: (ih, iw): CellMark => (inWindow.has(`${c},${ih},${iw}`) ? 'source' : ''),
            }}
          />
        ))}
        <GridPanel
          testId="column-panel"
          title={t.column(p)}
          label={`${t.column(p)}. ${t.columnAlt}`}
          note={colRows < run.rows ? t.cropped(formatRange(0, colRows - 1), `${p}`) : undefined}
          grid={{
            rows: colRows,
            cols: 1,
            c0: 0,
            cell: Math.max(inCell * 0.85, 1.6 * rem),
            rem,
            labels: true,
            maxAbs: xMax,
            value: (r) => (patch.sources[r] < 0 ? null : patch.column[r]),
            mark: () => 'source',
          }}
        />
      </div>
      {s.cg > channels.length && <p className="kg-note">{t.moreChannels(s.cg - channels.length)}</p>}
      <div className="kg-panels i2c-lowered">{lowered}</div>
    </div>
  );
}

function Memory({ run, step }: { run: Im2colRun; step: Im2colStep }) {
  const t = useStrings(strings);
  const lang = useLang();
  const n = (v: number) => formatNumber(lang, v);
  const copiedColumns = step.phase === 'patch' ? step.p + 1 : run.cols;
  const copied = Math.min(run.loweredElements, copiedColumns * run.rows);
  const scale = Math.max(run.loweredElements, run.inputElements);
  const ratio = run.loweredElements / run.inputElements;
  return (
    <div
      className="i2c-memory"
      data-testid="memory"
      data-lowered={run.loweredElements}
      data-input={run.inputElements}
      data-copied={copied}
    >
      <p className="i2c-memory-title">{t.memoryTitle}</p>
      <div className="i2c-bar-row">
        <span className="i2c-bar-label">{t.inputBar}</span>
        <span className="i2c-bar" aria-hidden="true">
          <span className="i2c-fill input" style={{ width: `${(100 * run.inputElements) / scale}%` }} />
        </span>
        <span className="i2c-bar-value">{n(run.inputElements)}</span>
      </div>
      <div className="i2c-bar-row">
        <span className="i2c-bar-label">{t.loweredBar}</span>
        <span className="i2c-bar" aria-hidden="true">
          <span className="i2c-fill outline" style={{ width: `${(100 * run.loweredElements) / scale}%` }} />
          <span className="i2c-fill lowered" style={{ width: `${(100 * copied) / scale}%` }} />
        </span>
        <span className="i2c-bar-value">{t.filled(n(copied), n(run.loweredElements))}</span>
      </div>
      <p className="i2c-blowup">
        {t.blowup(n(run.loweredElements), n(run.inputElements), formatRatio(ratio))}
      </p>
    </div>
  );
}
