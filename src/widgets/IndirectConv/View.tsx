// <IndirectConv />: QNNPACK's indirect convolution on a real or a small layer, stepped through from the
// engine's trace — first the indirection buffer is built entry by entry (arrows into the input, or to the
// zero vector), then each output pixel is computed through its entries. Memory is compared with im2col from
// the kernels' own counters; the uint8 path shows requantization and its agreement with the integer reference.
import { useCallback, useMemo, useState } from 'react';
import type { ConvShape } from '../../engine';
import { D3Drawing } from '../../ui/D3Drawing';
import { StepControls, stepperKeys } from '../../ui/StepControls';
import { useStrings } from '../../ui/i18n';
import { usePlayback } from '../../ui/usePlayback';
import { formatNumber, useLang } from '../../ui/i18n';
import { drawProblem, type IndirectRun, type Precision } from '../../workers/kernelRuns/indirect';
import { JobView } from '../kernels-common/JobStatus';
import { LayerPicker } from '../kernels-common/LayerPicker';
import { layerInput, type LayerSource, type PickedLayer } from '../kernels-common/layerSpec';
import { useKernelJob } from '../kernels-common/useKernelJob';
import { drawStepper, type Arrow } from './draw';
import { drawnRegion, entriesByPixel, windowOrder } from './model';
import { MemoryPanel, QuantPanel, StepReadout } from './Panels';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import './IndirectConv.css';

export interface IndirectConvProps {
  layer?: LayerSource;
  precision?: Precision;
}

/** An index with a true minus sign (−1, not -1). */
const signed = (v: number) => String(v).replace('-', '−');

const DEFAULT_LAYER: LayerSource = { kind: 'model', model: 'digits-cnn', layer: '/block2/block2.0/Conv' };

export default function IndirectConv({
  layer: initial = DEFAULT_LAYER,
  precision: initialPrecision = 'fp32',
}: IndirectConvProps) {
  const t = useStrings(strings);
  const [layer, setLayer] = useState<PickedLayer | null>(null);
  const [precision, setPrecision] = useState<Precision>(initialPrecision);
  const constraint = useCallback(
    (s: ConvShape) => {
      const p = drawProblem(s);
      return p && t.tooLarge(p.what, p.value, p.max);
    },
    [t],
  );
  const job = useMemo(
    () =>
      layer && {
        key: `${layer.key} ${precision}`,
        input: layer,
        request: { layer: layerInput(layer), precision },
      },
    [layer, precision],
  );
  const run = useKernelJob('indirect', job);
  return (
    <WidgetFrame
      kind="indirect-conv"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="indirect-conv"
      data-precision={precision}
    >
      <LayerPicker initial={initial} constraint={constraint} onChange={setLayer} />
      <div className="ic-toggles" role="group" aria-label={t.precision}>
        <span className="ic-inline-label" aria-hidden="true">
          {t.precision}
        </span>
        {(['fp32', 'uint8'] as const).map((p) => (
          <button
            key={p}
            type="button"
            className="button"
            aria-pressed={precision === p}
            data-precision={p}
            onClick={() => setPrecision(p)}
          >
            {p === 'fp32' ? t.fp32 : t.uint8}
          </button>
        ))}
      </div>
      <JobView handle={run} currentKey={job?.key ?? null} waiting={<p className="ic-waiting">{t.waiting}</p>}>
        {(r) => (
          <>
            <Stepper key={r.key} run={r.value} />
            <MemoryPanel run={r.value} />
            {r.value.quant && <QuantPanel quant={r.value.quant} />}
          </>
        )}
      </JobView>
      <p className="widget-caption">{t.caption}</p>
    </WidgetFrame>
  );
}

/** Keyed by layer and precision: a new run starts at its first step. */
function Stepper({ run }: { run: IndirectRun }) {
  const t = useStrings(strings);
  const playback = usePlayback(run.steps.length);
  const step = run.steps[Math.min(playback.step, run.steps.length - 1)];
  const lang = useLang();
  const byPixel = useMemo(() => entriesByPixel(run), [run]);
  const s = run.shape;
  const region = drawnRegion(s, run.window);
  const order = (p: number) => windowOrder(s, run.window, p);
  const part = (title: string) => (region.partial ? `${title} (${t.part})` : title);
  const kk = s.kh * s.kw;
  const building = step.kind === 'entry';
  const pixel = step.data.p;
  const built = building ? order(pixel) * kk + step.data.k + 1 : run.built;
  const computed = building ? 0 : playback.step - run.built + 1;
  const arrows: Arrow[] = (byPixel.get(pixel) ?? [])
    .filter((e) => !building || e.k <= (step.data as { k: number }).k)
    .map((e) => ({
      k: e.k,
      target: e.zero ? null : { h: e.ih, w: e.iw },
      current: building ? e.k === step.data.k : true,
    }));
  const zx = run.quant?.quant.x.zeroPoint;
  return (
    <div className="ic-stepper" data-phase={building ? 'build' : 'compute'} data-testid="stepper">
      <StepControls playback={playback} />
      <p className="ic-phase">{building ? t.phaseBuild : t.phaseCompute}</p>
      {region.partial && (
        <p className="ic-window" data-testid="trace-window">
          {t.window(
            region.rows,
            region.cols,
            s.oh,
            s.ow,
            formatNumber(lang, s.oh * s.ow),
            [signed(region.ih0), signed(region.ih1)],
            [signed(region.iw0), signed(region.iw1)],
            region.ih0 < 0 || region.iw0 < 0,
          )}
        </p>
      )}
      <div
        className="ic-figure"
        tabIndex={0}
        role="group"
        aria-label={t.figure}
        data-own-keys
        onKeyDown={stepperKeys(playback)}
      >
        <D3Drawing
          label={t.figure}
          testId="indirect-drawing"
          draw={(svg, frame) =>
            drawStepper(svg, {
              ...frame,
              shape: s,
              region,
              built,
              computed,
              pixel,
              entry: building ? step.data.k : null,
              arrows,
              inputLabel: (h, w) => String((h * s.w + w) * s.c),
              entryTitle: (p, k) => {
                const e = byPixel.get(p)?.[k];
                return t.entryTitle(p, k, order(p) * kk + k < built && e ? String(e.offset) : t.notBuilt);
              },
              titles: {
                input: part(t.inputTitle(s.c)),
                zero: zx === undefined ? t.zeroFp32(run.zeroOffset) : t.zeroUint8(run.zeroOffset, zx),
                buffer: part(t.bufferTitle),
                output: part(t.outputTitle),
              },
            })
          }
        />
      </div>
      <p className="ic-legend">{t.legend}</p>
      <StepReadout run={run} step={step} />
    </div>
  );
}
