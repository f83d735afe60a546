// <WinogradStepper />: Winograd minimal filtering replayed from the engine — 1-D F(2,3) first, then the 2-D
// F(2×2, 3×3) and F(4×4, 3×3) kernels on a real layer or a shape of one's own: the transform matrices, each
// transform's two stages, the element-wise products as α² GEMMs, the output transform, the multiplication
// counts against direct convolution (engine counters) and the error against float64, with fp16-style rounding.
// The 2-D runs and the error table are computed on the whole layer in the kernels Worker, one Worker each.
import { useCallback, useMemo, useState } from 'react';
import { winogradNotApplicable, WINOGRAD, type ConvShape, type WinogradVariant } from '../../engine';
import { useStrings } from '../../ui/i18n';
import { JobStatus, JobView } from '../kernels-common/JobStatus';
import { LayerPicker } from '../kernels-common/LayerPicker';
import { layerInput, type CustomShape, type PickedLayer } from '../kernels-common/layerSpec';
import { Matrix } from '../kernels-common/Matrix';
import { useKernelJob } from '../kernels-common/useKernelJob';
import { Errors } from './Counts';
import { Stepper1d } from './Stepper1d';
import { Stepper2d } from './Stepper2d';
import { strings } from './strings';
import { WidgetFrame } from '../../ui/WidgetFrame';
import '../../ui/widget.css';
import '../kernels-common/kernels-common.css';
import './WinogradStepper.css';

export type Mode = '1d' | WinogradVariant;

/** Tile-aligned and without padding, so that the counters show exactly 2.25× and 4×. */
const ALIGNED: CustomShape = {
  c: 2,
  h: 10,
  w: 10,
  k: 2,
  r: 3,
  s: 3,
  stride: 1,
  pad: 0,
  dilation: 1,
  groups: 1,
};
const WINOGRAD_FIXED = { r: 3, s: 3, stride: 1, dilation: 1 };

export interface WinogradStepperProps {
  /** The algorithm shown first. */
  start?: Mode;
}

export default function WinogradStepper({ start = '1d' }: WinogradStepperProps) {
  const t = useStrings(strings);
  const [mode, setMode] = useState<Mode>(start);
  const [fp16, setFp16] = useState(false);
  const [layer, setLayer] = useState<PickedLayer | null>(null);
  const constraint = useCallback((s: ConvShape) => (winogradNotApplicable(s) ? t.needs : null), [t]);
  const variant: WinogradVariant = mode === '1d' ? 'F(2,3)' : mode;
  const twoD = mode !== '1d';
  const runJob = useMemo(
    () =>
      twoD && layer
        ? {
            key: `${layer.key}/${variant}/${fp16}`,
            input: layer,
            request: { layer: layerInput(layer), variant, fp16 },
          }
        : null,
    [twoD, layer, variant, fp16],
  );
  const run = useKernelJob('winograd', runJob);
  // Errors of every algorithm on this layer: six runs of the engine, redone only when the layer changes.
  const errorsJob = useMemo(
    () => (twoD && layer ? { key: layer.key, input: layer, request: { layer: layerInput(layer) } } : null),
    [twoD, layer],
  );
  const errors = useKernelJob('winograd-errors', errorsJob);
  const names: Record<Mode, string> = { '1d': t.mode1d, 'F(2,3)': t.mode2, 'F(4,3)': t.mode4 };

  return (
    <WidgetFrame
      kind="winograd-stepper"
      title={t.title}
      subtitle={t.subtitle}
      data-testid="winograd-stepper"
      data-mode={mode}
      data-fp16={fp16}
    >
      <div className="wg-options">
        <div className="wg-modes" role="group" aria-label={t.modes}>
          {(['1d', 'F(2,3)', 'F(4,3)'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className="button"
              aria-pressed={mode === m}
              data-mode={m}
              onClick={() => setMode(m)}
            >
              {names[m]}
            </button>
          ))}
        </div>
        <label className="wg-fp16">
          <input
            type="checkbox"
            checked={fp16}
            onChange={(e) => setFp16(e.target.checked)}
            data-testid="fp16"
          />
          {t.fp16}
        </label>
      </div>

      <TransformMatrices variant={variant} title={t.matricesTitle(mode === '1d' ? 'F(2,3)' : names[mode])} />

      {/* Kept mounted in 1-D mode, so that the chosen layer survives a switch of algorithm. */}
      <div hidden={mode === '1d'}>
        <LayerPicker
          initial={{ kind: 'custom', shape: ALIGNED }}
          defaultShape={ALIGNED}
          fixed={WINOGRAD_FIXED}
          constraint={constraint}
          onChange={setLayer}
        />
      </div>

      {mode === '1d' ? (
        <Stepper1d fp16={fp16} />
      ) : (
        <JobView
          handle={run}
          currentKey={runJob?.key ?? null}
          waiting={<p className="wg-waiting">{t.waiting}</p>}
        >
          {(r) => <Stepper2d key={r.key} layer={r.input} run={r.value} />}
        </JobView>
      )}
      {twoD && (
        <div
          className={errors.result && errors.result.key !== errorsJob?.key ? 'kj-stale' : undefined}
          data-testid="errors-area"
        >
          {errors.state.status !== 'done' && (
            <JobStatus
              state={errors.state}
              hasResult={errors.result !== null}
              onCancel={errors.cancel}
              onRetry={errors.retry}
            />
          )}
          {errors.result && (
            <Errors
              rows={[
                { name: t.directRow, fp32: errors.result.value.direct, current: false },
                { name: t.mode2, ...errors.result.value['F(2,3)'], current: mode === 'F(2,3)' },
                { name: t.mode4, ...errors.result.value['F(4,3)'], current: mode === 'F(4,3)' },
              ]}
            />
          )}
        </div>
      )}
    </WidgetFrame>
  );
}

function TransformMatrices({ variant, title }: { variant: WinogradVariant; title: string }) {
  const { BT, G, AT, alpha, m, r } = WINOGRAD[variant];
  return (
    <div className="wg-matrices" data-testid="transform-matrices">
      <p className="wg-section-title">{title}</p>
      <div className="kx-equation">
        <Matrix name={`Bᵀ (${alpha}×${alpha})`} values={BT.flat()} rows={alpha} cols={alpha} exact />
        <Matrix name={`G (${alpha}×${r})`} values={G.flat()} rows={alpha} cols={r} exact />
        <Matrix name={`Aᵀ (${m}×${alpha})`} values={AT.flat()} rows={m} cols={alpha} exact />
      </div>
    </div>
  );
}
