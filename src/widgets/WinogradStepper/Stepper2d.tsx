// 2-D Winograd F(m×m, 3×3), replayed from the engine's trace of output channel 0: filter transforms
// (G g, then U = (G g) Gᵀ), input-tile transforms (Bᵀ d, then V = (Bᵀ d) B), the α² GEMMs that sum the
// element-wise products over channels, and output transforms (Aᵀ M, then Y = (Aᵀ M) A).
import { useId, useMemo, useRef } from 'react';
import { WINOGRAD, type WinogradEvent } from '../../engine';
import type { WinogradRun } from '../../workers/kernelRuns/winograd';
import { useStrings } from '../../ui/i18n';
import { StepControls, StepperStage } from '../../ui/StepControls';
import { usePlayback } from '../../ui/usePlayback';
import { useElementWidth } from '../../ui/useElementWidth';
import { formatRange, formatRatio, formatSig, formatValue } from '../kernels-common/format';
import { cellsThatFit, fitCell, followWindow, type CellMark } from '../kernels-common/grid';
import { GridPanel, remPx } from '../kernels-common/GridPanel';
import type { PickedLayer } from '../kernels-common/layerSpec';
import { Matrix, Op, transpose } from '../kernels-common/Matrix';
import { Counts } from './Counts';
import { outputsAt, running2d } from './model';
import { strings } from './strings';

/** Channels and tiles printed in the GEMM step's matrices at most. */
const GEMM_CHANNELS = 6;
const GEMM_TILES = 6;
const STAGES: WinogradEvent['kind'][] = ['filter', 'input', 'gemm', 'output'];

export function Stepper2d({ layer, run }: { layer: PickedLayer; run: WinogradRun }) {
  const t = useStrings(strings);
  const stepId = useId();
  const playback = usePlayback(run.events.length);
  const i = playback.step;
  const event = run.events[i];
  const s = layer.shape;
  const { m, r, alpha } = WINOGRAD[run.variant];
  const padded = s.padTop + s.padBottom + s.padLeft + s.padRight > 0;
  const shownTiles = run.events.filter((e) => e.kind === 'output').length;
  return (
    <>
      <StepperStage
        className="wg-stage"
        playback={playback}
        label={t.title}
        describedBy={stepId}
        data-kind={event.kind}
      >
        <ol className="wg-stages">
          {STAGES.map((kind, k) => (
            <li
              key={kind}
              className={kind === event.kind ? 'current' : ''}
              aria-current={kind === event.kind ? 'step' : undefined}
            >
              {k + 1}. {t.stages[k]}
            </li>
          ))}
        </ol>
        <p id={stepId} className="wg-step" aria-live="polite">
          {describe(event, t, alpha)}
        </p>
        <Planes layer={layer} run={run} step={i} />
        <Equations run={run} event={event} layer={layer} />
        <StepControls playback={playback} />
      </StepperStage>
      <p className="kg-note wg-subset">
        {s.m > 1 && t.channelZero(s.m)} {shownTiles < run.tiles && t.tilesShown(shownTiles, run.tiles)}
      </p>
      <Counts
        running={running2d(run, i, s.ow)}
        total={{ winograd: run.winogradCounts.mults, direct: run.directCounts.mults }}
        transformOps={run.winogradCounts.transformOps}
        perTile={t.perTile(m, r, alpha * alpha, m * m * r * r)}
        note={`${t.exact2d(m, r, formatRatio((m * m * r * r) / (alpha * alpha)))}${padded ? ` ${t.paddingNote}` : ''}`}
      />
    </>
  );
}

function describe(event: WinogradEvent, t: (typeof strings)['en'], alpha: number): string {
  switch (event.kind) {
    case 'filter':
      return t.filterStep(event.data.c);
    case 'input': {
      const { c, t: tile, ih0, iw0 } = event.data;
      return t.inputStep(c, tile, formatRange(ih0, ih0 + alpha - 1), formatRange(iw0, iw0 + alpha - 1));
    }
    case 'gemm': {
      const { xi, rows, inner, cols } = event.data;
      return t.gemmStep(xi, Math.floor(xi / alpha), xi % alpha, rows, inner, cols);
    }
    case 'output': {
      const { t: tile, oh0, ow0, rows, cols } = event.data;
      return t.outputStep(tile, formatRange(oh0, oh0 + rows - 1), formatRange(ow0, ow0 + cols - 1));
    }
  }
}

function Planes({ layer, run, step }: { layer: PickedLayer; run: WinogradRun; step: number }) {
  const t = useStrings(strings);
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box) || 600;
  const rem = remPx();
  const s = layer.shape;
  const event = run.events[step];
  const { alpha, m } = WINOGRAD[run.variant];
  const done = useMemo(() => outputsAt(run, step, s.ow), [run, step, s.ow]);
  // The tile in view: the input tile being transformed, or the output tile being produced.
  const tile =
    event.kind === 'input'
      ? {
          ih0: event.data.ih0,
          iw0: event.data.iw0,
          oh0: event.data.ty * m,
          ow0: event.data.tx * m,
          c: event.data.c,
        }
      : event.kind === 'output'
        ? {
            ih0: event.data.oh0 - s.padTop,
            iw0: event.data.ow0 - s.padLeft,
            oh0: event.data.oh0,
            ow0: event.data.ow0,
            c: 0,
          }
        : null;
  const c = tile?.c ?? 0;
  const paddedH = s.h + s.padTop + s.padBottom;
  const paddedW = s.w + s.padLeft + s.padRight;
  const wide = width >= 560;
  const cell = fitCell(wide ? width / 2 : width, Math.min(12, paddedW), rem, 1.8, 2.5);
  const visible = Math.min(12, cellsThatFit(wide ? width / 2 : width, cell, rem));
  const inRows = Math.min(paddedH, visible);
  const inCols = Math.min(paddedW, visible);
  const r0 = followWindow(paddedH, inRows, (tile?.ih0 ?? 0) + s.padTop, alpha) - s.padTop;
  const c0 = followWindow(paddedW, inCols, (tile?.iw0 ?? 0) + s.padLeft, alpha) - s.padLeft;
  const outRows = Math.min(s.oh, visible);
  const outCols = Math.min(s.ow, visible);
  const or0 = followWindow(s.oh, outRows, tile?.oh0 ?? 0, m);
  const oc0 = followWindow(s.ow, outCols, tile?.ow0 ?? 0, m);
  const inTile = (ih: number, iw: number) =>
    tile !== null && ih >= tile.ih0 && ih < tile.ih0 + alpha && iw >= tile.iw0 && iw < tile.iw0 + alpha;
  const inBlock = (oh: number, ow: number) =>
    tile !== null && oh >= tile.oh0 && oh < tile.oh0 + m && ow >= tile.ow0 && ow < tile.ow0 + m;
  const crop = (rows: number, ra: number, all: number, cols: number, ca: number, allCols: number) =>
    rows < all || cols < allCols
      ? t.cropped(formatRange(ra, ra + rows - 1), formatRange(ca, ca + cols - 1))
      : undefined;
  const x = layer.x.data;
  return (
    <div ref={box} className="kg-panels">
      <GridPanel
        testId="input-plane"
        title={t.inputPlane(c)}
        label={`${t.inputPlane(c)}. ${t.planeAlt}`}
        note={crop(inRows, r0, paddedH, inCols, c0, paddedW)}
        grid={{
          rows: inRows,
          cols: inCols,
          r0,
          c0,
          cell,
          rem,
          labels: true,
          maxAbs: 1,
          format: (v) => formatValue(v, 1),
          value: (ih, iw) =>
            ih < 0 || iw < 0 || ih >= s.h || iw >= s.w ? null : x[(c * s.h + ih) * s.w + iw],
          mark: (ih, iw): CellMark => (inTile(ih, iw) ? 'source' : ''),
        }}
      />
      <GridPanel
        testId="output-plane"
        title={t.outputPlane}
        label={`${t.outputPlane}. ${t.planeAlt}`}
        note={crop(outRows, or0, s.oh, outCols, oc0, s.ow)}
        grid={{
          rows: outRows,
          cols: outCols,
          r0: or0,
          c0: oc0,
          cell,
          rem,
          labels: true,
          maxAbs: 3,
          format: (v) => formatValue(v, 1),
          value: (oh, ow) => done.get(oh * s.ow + ow) ?? 0,
          mark: (oh, ow): CellMark =>
            inBlock(oh, ow)
              ? event.kind === 'output'
                ? 'current'
                : 'target'
              : done.has(oh * s.ow + ow)
                ? ''
                : 'todo',
        }}
      />
    </div>
  );
}

function Equations({ run, event, layer }: { run: WinogradRun; event: WinogradEvent; layer: PickedLayer }) {
  const t = useStrings(strings);
  const { alpha, m, G, BT, AT } = WINOGRAD[run.variant];
  // B, Gᵀ and A, printed where an equation needs them
  const [B, GT, A] = [BT, G, AT].map((matrix) => transpose(matrix).flat());
  const U = useMemo(
    () => new Map(run.events.flatMap((e) => (e.kind === 'filter' ? [[e.data.c, e.data.u]] : []))),
    [run],
  );
  const V = useMemo(
    () =>
      new Map(run.events.flatMap((e) => (e.kind === 'input' ? [[`${e.data.c},${e.data.t}`, e.data.v]] : []))),
    [run],
  );
  const products = useMemo(
    () => new Map(run.events.flatMap((e) => (e.kind === 'output' ? [[e.data.t, e.data.product]] : []))),
    [run],
  );
  const cg = layer.shape.cg;

  switch (event.kind) {
    case 'filter':
      return (
        <div className="wg-equations" data-testid="equations">
          <div className="kx-equation">
            <Matrix name="G" values={G.flat()} rows={alpha} cols={3} exact />
            <Op>·</Op>
            <Matrix name="g" values={event.data.g} rows={3} cols={3} />
            <Op>=</Op>
            <Matrix name="G g" values={event.data.gg} rows={alpha} cols={3} />
          </div>
          <div className="kx-equation">
            <Matrix name="G g" values={event.data.gg} rows={alpha} cols={3} />
            <Op>·</Op>
            <Matrix name="Gᵀ" values={GT} rows={3} cols={alpha} exact />
            <Op>=</Op>
            <Matrix name="U = G g Gᵀ" values={event.data.u} rows={alpha} cols={alpha} testId="U" />
          </div>
        </div>
      );
    case 'input':
      return (
        <div className="wg-equations" data-testid="equations">
          <div className="kx-equation">
            <Matrix name="Bᵀ" values={BT.flat()} rows={alpha} cols={alpha} exact />
            <Op>·</Op>
            <Matrix name="d" values={event.data.d} rows={alpha} cols={alpha} />
            <Op>=</Op>
            <Matrix name="Bᵀ d" values={event.data.bd} rows={alpha} cols={alpha} />
          </div>
          <div className="kx-equation">
            <Matrix name="Bᵀ d" values={event.data.bd} rows={alpha} cols={alpha} />
            <Op>·</Op>
            <Matrix name="B" values={B} rows={alpha} cols={alpha} exact />
            <Op>=</Op>
            <Matrix name="V = Bᵀ d B" values={event.data.v} rows={alpha} cols={alpha} testId="V" />
          </div>
        </div>
      );
    case 'gemm': {
      const xi = event.data.xi;
      const channels = Math.min(cg, GEMM_CHANNELS);
      const tiles = [...products.keys()].slice(0, GEMM_TILES);
      const uRow = Array.from({ length: channels }, (_, c) => U.get(c)?.[xi] ?? 0);
      const vMatrix = Array.from(
        { length: channels * tiles.length },
        (_, k) => V.get(`${Math.floor(k / tiles.length)},${tiles[k % tiles.length]}`)?.[xi] ?? 0,
      );
      const mRow = tiles.map((tt) => products.get(tt)?.[xi] ?? 0);
      return (
        <div className="wg-equations" data-testid="equations">
          <div className="kx-equation">
            <Matrix
              name="ξ"
              values={Array.from({ length: alpha * alpha }, (_, k) => k)}
              rows={alpha}
              cols={alpha}
              exact
              mark={(i, j) => i * alpha + j === xi}
            />
            <Matrix name={`U[${xi}] (1 × ${cg})`} values={uRow} rows={1} cols={channels} />
            <Op>·</Op>
            <Matrix name={`V[${xi}] (${cg} × tiles)`} values={vMatrix} rows={channels} cols={tiles.length} />
            <Op>=</Op>
            <Matrix name={`M[${xi}] (1 × tiles)`} values={mRow} rows={1} cols={tiles.length} testId="M-row" />
          </div>
          {(channels < cg || tiles.length < run.tiles) && (
            <p className="kg-note">
              {channels < cg && t.channelsShown(channels, cg)}{' '}
              {tiles.length < run.tiles && t.tilesOf(tiles.length, run.tiles)}
            </p>
          )}
        </div>
      );
    }
    case 'output': {
      const tt = event.data.t;
      const bias = layer.bias?.data[0];
      const terms =
        cg <= 2 ? Array.from({ length: cg }, (_, c) => ({ u: U.get(c), v: V.get(`${c},${tt}`) })) : [];
      return (
        <div className="wg-equations" data-testid="equations">
          <div className="kx-equation">
            {terms.map((term, c) =>
              term.u && term.v ? (
                <span key={c} className="kx-equation">
                  {c > 0 && <Op>+</Op>}
                  <Matrix name={`U (c=${c})`} values={term.u} rows={alpha} cols={alpha} />
                  <Op>⊙</Op>
                  <Matrix name={`V (c=${c})`} values={term.v} rows={alpha} cols={alpha} />
                </span>
              ) : null,
            )}
            {terms.length > 0 && <Op>=</Op>}
            <Matrix name={t.sumOver(cg)} values={event.data.product} rows={alpha} cols={alpha} testId="M" />
          </div>
          <div className="kx-equation">
            <Matrix name="Aᵀ" values={AT.flat()} rows={m} cols={alpha} exact />
            <Op>·</Op>
            <Matrix name="M" values={event.data.product} rows={alpha} cols={alpha} />
            <Op>=</Op>
            <Matrix name="Aᵀ M" values={event.data.am} rows={m} cols={alpha} />
          </div>
          <div className="kx-equation">
            <Matrix name="Aᵀ M" values={event.data.am} rows={m} cols={alpha} />
            <Op>·</Op>
            <Matrix name="A" values={A} rows={alpha} cols={m} exact />
            {bias !== undefined && <Op>{t.bias(formatSig(bias))}</Op>}
            <Op>=</Op>
            <Matrix name="Y" values={event.data.y} rows={m} cols={m} testId="Y" />
          </div>
        </div>
      );
    }
  }
}
