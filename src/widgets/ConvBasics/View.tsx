// <ConvBasics />: the sliding window of a convolution, replayed from the engine's direct-convolution trace.
// The reader sets kernel size, stride, padding, dilation and groups (or takes a real layer of a model); every
// output element is shown as the dot product of its window, and the output-shape formula is filled in live
// with the engine's geometry. The engine runs the whole layer in the kernels Worker; the trace holds every
// output element of a small layer and a labelled corner of a large one.
import { Fragment, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConvShape } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { StepControls, StepperStage } from '../../ui/StepControls';
import { usePlayback } from '../../ui/usePlayback';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatRange, formatSig, formatValue } from '../kernels-common/format';
import { cellsThatFit, fitCell, followWindow, maxAbs, type CellMark } from '../kernels-common/grid';
import { GridPanel, remPx } from '../kernels-common/GridPanel';
import { JobView } from '../kernels-common/JobStatus';
import { LayerPicker } from '../kernels-common/LayerPicker';
import type { CustomShape, LayerSource, PickedLayer, ShapeLimits } from '../kernels-common/layerSpec';
import { DEFAULT_LIMITS, layerInput } from '../kernels-common/layerSpec';
import { useKernelJob } from '../kernels-common/useKernelJob';
import type { BasicsRun } from '../../workers/kernelRuns/basics';
import { finishedOutputs, shownChannels, windowCells } from './model';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import '../kernels-common/kernels-common.css';
import './ConvBasics.css';

const START: CustomShape = { c: 1, h: 5, w: 5, k: 1, r: 3, s: 3, stride: 1, pad: 0, dilation: 1, groups: 1 };
/** Shapes of one's own that a reader can still follow cell by cell; any layer of the zoo's models. */
const LIMITS: ShapeLimits = {
  ...DEFAULT_LIMITS,
  max: { c: 8, h: 16, w: 16, k: 8, r: 7, s: 7, stride: 4, pad: 4, dilation: 4, groups: 8 },
};
/** Products listed in the dot product before "+ n more". */
const TERMS_SHOWN = 12;
const MAX_VISIBLE = 12;

export interface ConvBasicsProps {
  /** Start with a shape of one's own (default) or with the first layer of digits-cnn. */
  start?: 'custom' | 'model';
}

export default function ConvBasics({ start = 'custom' }: ConvBasicsProps) {
  const t = useStrings(strings);
  const [layer, setLayer] = useState<PickedLayer | null>(null);
  const job = useMemo(
    () => layer && { key: layer.key, input: layer, request: { layer: layerInput(layer) } },
    [layer],
  );
  const run = useKernelJob('conv-basics', job);
  const initial: LayerSource =
    start === 'model'
      ? { kind: 'model', model: 'digits-cnn', layer: '/block1/block1.0/Conv' }
      : { kind: 'custom', shape: START };

  return (
    <WidgetFrame
      kind="conv-basics"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="conv-basics"
      data-oh={layer?.shape.oh}
      data-ow={layer?.shape.ow}
    >
      <LayerPicker
        initial={initial}
        values="integers"
        limits={LIMITS}
        models={['digits-cnn', 'digits-mobilenet', 'digits-student', 'mobilenetv2-224']}
        onChange={setLayer}
      />
      <JobView
        handle={run}
        currentKey={layer?.key ?? null}
        waiting={<p className="cb-waiting">{t.waiting}</p>}
      >
        {/* A new layer starts a new stepper (its playback starts at step 0). */}
        {(r) => <Stepper key={r.key} layer={r.input} run={r.value} />}
      </JobView>
    </WidgetFrame>
  );
}

function Stepper({ layer, run }: { layer: PickedLayer; run: BasicsRun }) {
  const t = useStrings(strings);
  const lang = useLang();
  const stepId = useId();
  const playback = usePlayback(run.events.length);
  const step = playback.step;
  const s = layer.shape;
  return (
    <>
      <ShapeFormula s={s} />
      <StepperStage className="cb-stage" playback={playback} label={t.title} describedBy={stepId}>
        <Frame layer={layer} s={s} run={run} step={step} stepId={stepId} />
        <StepControls playback={playback} />
      </StepperStage>
      <p className="widget-caption">
        {t.total(formatNumber(lang, run.outputs), formatNumber(lang, run.mults))}{' '}
        {run.events.length < run.outputs && (
          <strong data-testid="trace-window">
            {t.window(
              run.window.channels,
              formatRange(0, run.window.rows - 1),
              formatRange(0, run.window.cols - 1),
              formatNumber(lang, run.events.length),
              formatNumber(lang, run.outputs),
            )}
          </strong>
        )}{' '}
        {t.legend}
      </p>
    </>
  );
}

/** Ho = ⌊(H + pt + pb − d·(Kh − 1) − 1) / s⌋ + 1 with this layer's numbers, and the engine's result. */
function ShapeFormula({ s }: { s: ConvShape }) {
  const t = useStrings(strings);
  const row = (
    name: string,
    out: string,
    size: number,
    p0: number,
    p1: number,
    d: number,
    k: number,
    stride: number,
    result: number,
    dim: 'H' | 'W',
  ) => (
    <p className="cb-formula" data-testid={`formula-${dim.toLowerCase()}`} data-value={result}>
      <span className="cb-formula-name">{name}</span>{' '}
      <span className="cb-term">
        <var>{out}</var> = ⌊(<var>{dim}</var> + <var>p</var>
        <sub>{dim === 'H' ? 'top' : 'left'}</sub> + <var>p</var>
        <sub>{dim === 'H' ? 'bottom' : 'right'}</sub> − <var>d</var>(<var>K</var>
        <sub>{dim === 'H' ? 'h' : 'w'}</sub> − 1) − 1) / <var>s</var>⌋ + 1
      </span>{' '}
      <span className="cb-term">
        = ⌊({size} + {p0} + {p1} − {d}·({k} − 1) − 1) / {stride}⌋ + 1 = <strong>{result}</strong>
      </span>
    </p>
  );
  return (
    <div className="cb-shape" aria-live="polite">
      <p className="cb-shape-title">{t.shapeTitle}</p>
      {row(t.outHeight, 'Ho', s.h, s.padTop, s.padBottom, s.dilationH, s.kh, s.strideH, s.oh, 'H')}
      {row(t.outWidth, 'Wo', s.w, s.padLeft, s.padRight, s.dilationW, s.kw, s.strideW, s.ow, 'W')}
      <p className="cb-output-shape" data-testid="output-shape">
        {t.outputIs(s.m, s.oh, s.ow)}
      </p>
    </div>
  );
}

function Frame({
  layer,
  s,
  run,
  step,
  stepId,
}: {
  layer: PickedLayer;
  s: ConvShape;
  run: BasicsRun;
  step: number;
  stepId: string;
}) {
  const t = useStrings(strings);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) || 600;
  const rem = remPx();
  const event = run.events[step];
  const { m, oh, ow, ih0, iw0, taps, bias, value } = event.data;
  const win = useMemo(() => windowCells(event, s), [event, s]);
  const done = useMemo(() => finishedOutputs(run.events, step), [run, step]);
  const inWindow = new Set(win.map((c) => `${c.c},${c.ih},${c.iw}`));
  const { channels, inGroup } = shownChannels(s, m, width < 560 ? 2 : 4);
  const c0 = Math.floor(m / s.mg) * s.cg;

  // Cells: one size for every panel, large enough for the numbers, following the window over a large plane.
  const paddedH = s.h + s.padTop + s.padBottom;
  const paddedW = s.w + s.padLeft + s.padRight;
  const cell = fitCell(
    width,
    Math.min(MAX_VISIBLE, Math.max(paddedW, s.ow)),
    rem,
    layer.values === 'integers' ? 1.7 : 2.1,
    2.8,
  );
  const visible = Math.min(MAX_VISIBLE, cellsThatFit(width, cell, rem));
  const spanH = s.dilationH * (s.kh - 1) + 1;
  const spanW = s.dilationW * (s.kw - 1) + 1;
  const inRows = Math.min(paddedH, visible);
  const inCols = Math.min(paddedW, visible);
  const r0 = followWindow(paddedH, inRows, ih0 + s.padTop, spanH) - s.padTop;
  const cStart = followWindow(paddedW, inCols, iw0 + s.padLeft, spanW) - s.padLeft;
  const outRows = Math.min(s.oh, visible);
  const outCols = Math.min(s.ow, visible);
  const or0 = followWindow(s.oh, outRows, oh);
  const oc0 = followWindow(s.ow, outCols, ow);

  const x = layer.x.data;
  const w = layer.w.data;
  const xMax = useMemo(() => maxAbs(x), [x]);
  const wMax = useMemo(() => maxAbs(w), [w]);
  const yMax = useMemo(() => maxAbs(run.events.map((e) => e.data.value)), [run]);
  const cropNote = (rows: number, r: number, all: number, cols: number, c: number, allCols: number) =>
    rows < all || cols < allCols
      ? t.cropped(formatRange(r, r + rows - 1), formatRange(c, c + cols - 1))
      : undefined;

  const skipped = win.filter((c) => !c.tap).length;
  const kernelChannels = channels.filter((c) => inGroup.has(c));
  const terms: ReactNode[] = taps.slice(0, TERMS_SHOWN).map((tap, i) => (
    <Fragment key={i}>
      {i > 0 || layer.bias ? ' + ' : ' '}
      <span className="cb-term">
        ({formatSig(tap.x)})({formatSig(tap.w)})
      </span>
    </Fragment>
  ));

  return (
    <div ref={box} className="cb-frame">
      <p id={stepId} className="cb-step" aria-live="polite">
        {t.step(m, oh, ow, formatRange(ih0, ih0 + spanH - 1), formatRange(iw0, iw0 + spanW - 1))}
      </p>
      <div className="kg-panels">
        {channels.map((c) => (
          <GridPanel
            key={`x${c}`}
            testId="input-panel"
            title={
              <>
                {t.input(c)}
                {!inGroup.has(c) && <span className="cb-dim-note"> · {t.notInGroup}</span>}
              </>
            }
            label={`${t.input(c)}. ${t.inputAlt}`}
            note={cropNote(inRows, r0, paddedH, inCols, cStart, paddedW)}
            grid={{
              rows: inRows,
              cols: inCols,
              r0,
              c0: cStart,
              cell,
              rem,
              labels: true,
              maxAbs: xMax,
              value: (ih, iw) =>
                ih < 0 || iw < 0 || ih >= s.h || iw >= s.w ? null : x[(c * s.h + ih) * s.w + iw],
              mark: (ih, iw): CellMark =>
                !inGroup.has(c) ? 'dim' : inWindow.has(`${c},${ih},${iw}`) ? 'source' : '',
            }}
          />
        ))}
        {kernelChannels.map((c) => (
          <GridPanel
            key={`w${c}`}
            testId="kernel-panel"
            title={t.kernel(m, c)}
            label={`${t.kernel(m, c)}. ${t.kernelAlt}`}
            grid={{
              rows: s.kh,
              cols: s.kw,
              cell,
              rem,
              labels: true,
              maxAbs: wMax,
              value: (i, j) => w[((m * s.cg + c - c0) * s.kh + i) * s.kw + j],
              mark: (i, j): CellMark =>
                win.some((p) => p.c === c && p.kh === i && p.kw === j && !p.tap) ? 'dim' : 'source',
            }}
          />
        ))}
        <GridPanel
          testId="output-panel"
          title={t.output(m)}
          label={`${t.output(m)}. ${t.outputAlt}`}
          note={cropNote(outRows, or0, s.oh, outCols, oc0, s.ow)}
          grid={{
            rows: outRows,
            cols: outCols,
            r0: or0,
            c0: oc0,
            cell,
            rem,
            labels: true,
            maxAbs: yMax,
            value: (i, j) => done.get(`${i},${j}`) ?? 0,
            mark: (i, j): CellMark =>
              i === oh && j === ow ? 'current' : done.has(`${i},${j}`) ? '' : 'todo',
          }}
        />
      </div>
      {s.cg > kernelChannels.length && (
        <p className="kg-note">{t.moreChannels(s.cg - kernelChannels.length)}</p>
      )}

      <div className="cb-dot" data-testid="dot-product" data-value={value} data-taps={taps.length}>
        <p className="cb-dot-title">{t.dotTitle}</p>
        <p className="cb-dot-formula">
          <span className="cb-term">
            y[{m}, {oh}, {ow}] ={' '}
          </span>
          {layer.bias && (
            <span className="cb-term">
              {formatSig(bias)}
              <span className="cb-dim-note"> ({t.bias})</span>
            </span>
          )}
          {terms}
          {taps.length > TERMS_SHOWN && (
            <span className="cb-term cb-more"> {t.moreTerms(taps.length - TERMS_SHOWN)}</span>
          )}{' '}
          <span className="cb-term cb-result">
            = <strong>{formatValue(value, 4)}</strong>
          </span>
        </p>
        <p className="cb-dot-note">
          {t.mults(taps.length)} {skipped > 0 && t.skipped(skipped)}
        </p>
      </div>
    </div>
  );
}
