// <LayoutViewer />: one tensor drawn as its logical grid and as linear memory in NCHW, NHWC or NC4HW4. Two
// things can be stepped through: the reads of a convolution's inner loop for one output pixel (engine
// convInnerLoop), and the element moves of converting to or from NCHW (engine packLayout/unpackLayout traces).
import { useMemo, useState } from 'react';
import { LAYOUTS, layoutSize, type Dims4, type Layout, type Tensor } from '../../engine';
import { D3Drawing } from '../../ui/D3Drawing';
import { StepControls, stepperKeys } from '../../ui/StepControls';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import { usePlayback } from '../../ui/usePlayback';
import { drawLogical, drawMemory, type CellState, type Strip } from './draw';
import { addressesOf, innerLoopOf, memorySlots, moveTrace, type Direction, type InnerLoop } from './model';
import { useTensorSource } from './Source';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './LayoutViewer.css';

export interface LayoutViewerProps {
  /** Dims [N, C, H, W] of the tensor at first. */
  dims?: [number, number, number, number];
  layout?: Layout;
  /** Which view opens first. */
  mode?: 'reads' | 'pack';
}

type Mode = 'reads' | 'pack';

export default function LayoutViewer({
  dims = [1, 6, 4, 4],
  layout: initialLayout = 'NCHW',
  mode: initialMode = 'reads',
}: LayoutViewerProps) {
  const t = useStrings(strings);
  const { state: source, controls } = useTensorSource(dims);
  const [layout, setLayout] = useState<Layout>(initialLayout);
  const [mode, setMode] = useState<Mode>(initialMode);
  const tensor = source.tensor;

  return (
    <WidgetFrame
      kind="layout-viewer"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="layout-viewer"
      data-layout={layout}
      data-mode={mode}
    >
      {controls}
      <p className={source.error ? 'lv-note error' : 'lv-note'} role="status">
        {source.note}
      </p>
      <div className="lv-row">
        <div className="lv-toggles" role="group" aria-label={t.layout}>
          <span className="lv-inline-label" aria-hidden="true">
            {t.layout}
          </span>
          {LAYOUTS.map((l) => (
            <button
              key={l}
              type="button"
              className="button"
              aria-pressed={layout === l}
              onClick={() => setLayout(l)}
              data-layout={l}
            >
              {l}
            </button>
          ))}
        </div>
        {tensor && <Storage layout={layout} dims={tensor.dims as unknown as Dims4} />}
      </div>
      <div className="lv-toggles" role="group" aria-label={t.tabs}>
        {(['reads', 'pack'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="button"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
            data-mode={m}
          >
            {m === 'reads' ? t.tabReads : t.tabPack}
          </button>
        ))}
      </div>
      {tensor &&
        (mode === 'reads' ? (
          <Reads tensor={tensor} layout={layout} />
        ) : (
          <Pack key={layout} tensor={tensor} layout={layout} />
        ))}
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}

function Storage({ layout, dims }: { layout: Layout; dims: Dims4 }) {
  const t = useStrings(strings);
  const lang = useLang();
  const values = dims.reduce((a, b) => a * b, 1);
  const slots = layoutSize(layout, dims);
  const extra = ((slots - values) / values) * 100;
  return (
    <p className="lv-storage" data-testid="storage" data-slots={slots}>
      {t.storage(
        formatNumber(lang, values),
        formatNumber(lang, slots),
        formatNumber(lang, extra, extra % 1 ? 1 : 0),
      )}
    </p>
  );
}

const KERNELS = [1, 3, 5] as const;

function Reads({ tensor, layout }: { tensor: Tensor<'float32'>; layout: Layout }) {
  const t = useStrings(strings);
  const lang = useLang();
  const dims = tensor.dims as unknown as Dims4;
  const [, , H, W] = dims;
  const [k, setK] = useState<number>(3);
  const [oh, setOh] = useState(Math.min(1, H - 1));
  const [ow, setOw] = useState(Math.min(1, W - 1));
  const row = Math.min(oh, H - 1);
  const col = Math.min(ow, W - 1);
  const all = useMemo(
    () =>
      Object.fromEntries(LAYOUTS.map((l) => [l, innerLoopOf(l, dims, k, row, col)])) as Record<
        Layout,
        InnerLoop
      >,
    [dims, k, row, col],
  );
  return (
    <div className="lv-mode">
      <div className="lv-row">
        <label className="widget-field lv-field small">
          <span>{t.kernel}</span>
          <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="kernel">
            {KERNELS.map((v) => (
              <option key={v} value={v}>
                {v}×{v}
              </option>
            ))}
          </select>
        </label>
        <label className="widget-field lv-field small">
          <span>{t.outRow}</span>
          <select value={row} onChange={(e) => setOh(Number(e.target.value))} data-testid="out-row">
            {Array.from({ length: H }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label className="widget-field lv-field small">
          <span>{t.outCol}</span>
          <select value={col} onChange={(e) => setOw(Number(e.target.value))} data-testid="out-col">
            {Array.from({ length: W }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <p className="lv-note">{t.readsNote}</p>
      </div>
      <ReadsStepper
        key={`${layout} ${k} ${row} ${col}`}
        tensor={tensor}
        layout={layout}
        access={all[layout]}
      />
      <div className="widget-table-wrap" tabIndex={0} role="region" aria-label={t.statsCaption}>
        <table className="widget-table lv-table" data-testid="reads-table">
          <caption>{t.statsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colLayout}</th>
              <th scope="col">{t.colLoops}</th>
              <th scope="col">{t.colReads}</th>
              <th scope="col">{t.colRuns}</th>
              <th scope="col">{t.colLongest}</th>
              <th scope="col">{t.colLines}</th>
            </tr>
          </thead>
          <tbody>
            {LAYOUTS.map((l) => {
              const a = all[l];
              return (
                <tr key={l} className={l === layout ? 'current' : undefined} data-layout={l}>
                  <th scope="row">{l}</th>
                  <td>
                    <code>{a.loops.join(' → ')}</code>
                  </td>
                  <td>{formatNumber(lang, a.reads.length)}</td>
                  <td data-col="runs">{formatNumber(lang, a.runs.length)}</td>
                  <td>{formatNumber(lang, Math.max(...a.runs.map((r) => r.length)))}</td>
                  <td data-col="lines">{formatNumber(lang, a.lines.length)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The reads of one output pixel in one layout, stepped through in loop order. */
function ReadsStepper({
  tensor,
  layout,
  access,
}: {
  tensor: Tensor<'float32'>;
  layout: Layout;
  access: InnerLoop;
}) {
  const t = useStrings(strings);
  const dims = tensor.dims as unknown as Dims4;
  const [, , H, W] = dims;
  // Keyed by layout, kernel and pixel: a new choice starts with all of its reads shown.
  const playback = usePlayback(access.reads.length, access.reads.length - 1);
  const step = Math.min(playback.step, access.reads.length - 1);
  const current = access.reads[step];
  const index = (c: number, h: number, w: number) => (c * H + h) * W + w;

  const logicalStates: CellState[] = new Array(tensor.data.length).fill('none');
  const memoryStates: CellState[] = new Array(layoutSize(layout, dims)).fill('none');
  access.reads.slice(0, step + 1).forEach((r, i) => {
    const s = i === step ? 'current' : 'read';
    logicalStates[index(r.c, r.h, r.w)] = s;
    memoryStates[r.address] = s;
  });
  // Runs of the reads so far (prefixes of the engine's runs).
  const runs: { start: number; length: number }[] = [];
  let left = step + 1;
  for (const run of access.runs) {
    if (left <= 0) break;
    runs.push({ start: run.start, length: Math.min(run.length, left) });
    left -= run.length;
  }

  return (
    <>
      <StepControls playback={playback} />
      <p className="lv-step" data-testid="step-text" aria-live="polite">
        {current &&
          t.readStep(step + 1, access.reads.length, current.c, current.h, current.w, current.address)}
      </p>
      <Figures
        tensor={tensor}
        layout={layout}
        logicalStates={logicalStates}
        strips={[{ title: '', slots: memorySlots(layout, dims), states: memoryStates }]}
        runs={runs}
        onKeyDown={stepperKeys(playback)}
      />
    </>
  );
}

function Pack({ tensor, layout }: { tensor: Tensor<'float32'>; layout: Layout }) {
  const t = useStrings(strings);
  const dims = tensor.dims as unknown as Dims4;
  const [direction, setDirection] = useState<Direction>('pack');
  const moves = useMemo(
    () => moveTrace(layout, dims, tensor.data, direction),
    [layout, dims, tensor, direction],
  );
  const playback = usePlayback(moves.length);
  const step = Math.min(playback.step, moves.length - 1);
  const move = moves[step]?.data;
  const [sourceLayout, destinationLayout]: Layout[] =
    direction === 'pack' ? ['NCHW', layout] : [layout, 'NCHW'];
  const sourceSlots = memorySlots(sourceLayout, dims);
  const destinationSlots = memorySlots(destinationLayout, dims);
  const sourceStates: CellState[] = new Array(sourceSlots.length).fill('none');
  const destinationStates: CellState[] = destinationSlots.map((s) => (s ? 'pending' : 'none'));
  const logicalStates: CellState[] = new Array(tensor.data.length).fill('none');
  const [, C, H, W] = dims;
  moves.slice(0, step + 1).forEach(({ data }, i) => {
    const s = i === step ? 'current' : 'read';
    sourceStates[data.from] = s;
    destinationStates[data.to] = i === step ? 'current' : 'none';
    logicalStates[((data.n * C + data.c) * H + data.h) * W + data.w] = s;
  });
  const strips: Strip[] = [
    { title: t.stripSource(sourceLayout), slots: sourceSlots, states: sourceStates },
    { title: t.stripDestination(destinationLayout), slots: destinationSlots, states: destinationStates },
  ];
  return (
    <div className="lv-mode">
      <div className="lv-toggles" role="group" aria-label={t.direction}>
        {(['pack', 'unpack'] as const).map((d) => (
          <button
            key={d}
            type="button"
            className="button"
            aria-pressed={direction === d}
            onClick={() => {
              setDirection(d);
              playback.setStep(0);
            }}
            data-direction={d}
          >
            {d === 'pack' ? t.pack(layout) : t.unpack(layout)}
          </button>
        ))}
      </div>
      {layout === 'NCHW' && <p className="lv-note">{t.sameLayout}</p>}
      <StepControls playback={playback} />
      <p className="lv-step" data-testid="step-text" aria-live="polite">
        {move && t.moveStep(step + 1, moves.length, move.c, move.h, move.w, move.from, move.to)}
      </p>
      <Figures
        tensor={tensor}
        layout={layout}
        logicalStates={logicalStates}
        strips={strips}
        arrow={move ? { from: move.from, to: move.to } : null}
        onKeyDown={stepperKeys(playback)}
      />
    </div>
  );
}

function Figures({
  tensor,
  layout,
  logicalStates,
  strips,
  runs,
  arrow,
  onKeyDown,
}: {
  tensor: Tensor<'float32'>;
  layout: Layout;
  logicalStates: CellState[];
  strips: Strip[];
  runs?: { start: number; length: number }[];
  arrow?: { from: number; to: number } | null;
  onKeyDown: ReturnType<typeof stepperKeys>;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const dims = tensor.dims as unknown as Dims4;
  const [N, C, H, W] = dims;
  const addresses = useMemo(() => addressesOf(layout, dims), [layout, dims]);
  const coord = (i: number) => ({
    n: Math.floor(i / (C * H * W)),
    c: Math.floor(i / (H * W)) % C,
    h: Math.floor(i / W) % H,
    w: i % W,
  });
  return (
    <div
      className="lv-figures"
      tabIndex={0}
      role="group"
      aria-label={t.figure}
      data-own-keys
      onKeyDown={onKeyDown}
    >
      <p className="lv-figure-title">{t.logicalTitle}</p>
      <D3Drawing
        className="lv-drawing"
        testId="logical"
        label={t.logicalTitle}
        draw={(svg, frame) =>
          drawLogical(svg, {
            ...frame,
            dims,
            addresses,
            states: logicalStates,
            planeTitle: (n, c) => t.planeTitle(n, c, N > 1),
            cellTitle: (i) => {
              const p = coord(i);
              return t.cellTitle(p.n, p.c, p.h, p.w, formatNumber(lang, tensor.data[i], 3), addresses[i]);
            },
          })
        }
      />
      <p className="lv-figure-title">{t.memoryTitle(layout)}</p>
      <D3Drawing
        className="lv-drawing"
        testId="memory"
        label={t.memoryTitle(layout)}
        draw={(svg, frame) =>
          drawMemory(svg, {
            ...frame,
            strips,
            runs,
            arrow,
            rowLabel: String,
            slotTitle: (slot, address) =>
              t.slotTitle(address, slot ? `(n ${slot.n}, c ${slot.c}, h ${slot.h}, w ${slot.w})` : t.padding),
          })
        }
      />
    </div>
  );
}
