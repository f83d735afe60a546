// <LayerPicker>: the layer a kernel widget runs — a real Conv layer of a zoo model (loaded lazily, parsed in a
// Worker, cancellable) or a shape the reader sets (validated, with a clear message for absurd sizes) — with
// seeded random input. It reports each new valid layer through onChange; while the reader's entry is invalid
// the widget keeps showing the last valid one.
//
// Usage (any kernel widget):
//   const [layer, setLayer] = useState<PickedLayer | null>(null);
//   <LayerPicker initial={{ kind: 'model', model: 'digits-cnn', layer: '/block1/block1.0/Conv' }} onChange={setLayer} />
import { useEffect, useId, useMemo, useState } from 'react';
import type { ConvShape } from '../../engine';
import { formatNumber, useLang, useStrings } from '../../ui/i18n';
import {
  checkGeometry,
  customLayer,
  DEFAULT_LIMITS,
  modelLayer,
  parseShape,
  SHAPE_FIELDS,
  shapeText,
  type CustomShape,
  type LayerProblem,
  type LayerSource,
  type PickedLayer,
  type ShapeField,
  type ShapeLimits,
  type ValueKind,
} from './layerSpec';
import { pickerStrings } from './strings';
import { useConvModels, useModelLayers } from './useModelLayers';
import './kernels-common.css';

export interface LayerPickerProps {
  /** What the picker shows first. */
  initial: LayerSource;
  /** The custom shape offered when the reader switches to "your own shape" from a model layer. */
  defaultShape?: CustomShape;
  values?: ValueKind;
  seed?: number;
  limits?: ShapeLimits;
  /** Fields of a custom shape the widget fixes (e.g. a 3×3 kernel with stride 1 for Winograd). */
  fixed?: Partial<CustomShape>;
  /** The widget's own condition: a sentence in the reader's language when a layer does not suit it, else null. */
  constraint?: (shape: ConvShape) => string | null;
  /** Zoo model ids offered; default: every model with Conv layers. */
  models?: readonly string[];
  onChange(layer: PickedLayer): void;
}

export const SMALL_SHAPE: CustomShape = {
  c: 1,
  h: 6,
  w: 6,
  k: 1,
  r: 3,
  s: 3,
  stride: 1,
  pad: 0,
  dilation: 1,
  groups: 1,
};

const dims = (d: readonly number[]) => d.join('×');

/** "16×8×8 → 32×8×8, 3×3, s2, g16": a layer's geometry in one short line. */
const layerLabel = (s: ConvShape) =>
  `${dims([s.c, s.h, s.w])} → ${dims([s.m, s.oh, s.ow])}, ${s.kh}×${s.kw}` +
  (s.strideH > 1 ? `, s${s.strideH}` : '') +
  (s.group > 1 ? `, g${s.group}` : '');

/** One sentence per problem, in the reader's language. */
export function useProblemText() {
  const t = useStrings(pickerStrings);
  const lang = useLang();
  return (p: LayerProblem): string => {
    switch (p.code) {
      case 'range':
        return t.range(t.fields[p.field], p.value, p.min, p.max);
      case 'groups':
        return t.groups(p.groups, p.c, p.k);
      case 'fit':
        return t.fit(dims(p.span), dims(p.padded));
      case 'work':
        return t.work(formatNumber(lang, p.macs), formatNumber(lang, p.max));
      case 'engine':
        return t.engine(p.message);
      case 'constraint':
        return p.message;
    }
  };
}

export function LayerPicker({
  initial,
  defaultShape = SMALL_SHAPE,
  values: initialValues = 'uniform',
  seed: initialSeed = 1,
  limits = DEFAULT_LIMITS,
  fixed = {},
  constraint,
  models,
  onChange,
}: LayerPickerProps) {
  const t = useStrings(pickerStrings);
  const lang = useLang();
  const problemText = useProblemText();
  const id = useId();
  const [mode, setMode] = useState<LayerSource['kind']>(initial.kind);
  const [model, setModel] = useState(initial.kind === 'model' ? initial.model : 'digits-cnn');
  const [layerName, setLayerName] = useState(initial.kind === 'model' ? initial.layer : '');
  const [text, setText] = useState(() =>
    shapeText({ ...(initial.kind === 'custom' ? initial.shape : defaultShape), ...fixed }),
  );
  const [values, setValues] = useState<ValueKind>(initialValues);
  const [seed, setSeed] = useState(initialSeed);

  const modelList = useConvModels(mode === 'model', models);
  const layers = useModelLayers(mode === 'model' ? model : null);

  // Each model layer with its geometry, or why it cannot be used by this widget.
  const choices = useMemo(() => {
    if (layers.state.status !== 'ready') return [];
    return layers.state.value.map((choice) => {
      if (!choice.layer) return { name: choice.name, layer: null, shape: null, reason: choice.problem };
      const { inputDims, w, params } = choice.layer;
      const { shape, problems } = checkGeometry(inputDims, w.dims, params, limits.maxMacs);
      const reason = problems.length ? problemText(problems[0]) : (constraint?.(shape!) ?? null);
      return { name: choice.name, layer: choice.layer, shape, reason };
    });
    // problemText changes with the language only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layers.state, limits.maxMacs, constraint, lang]);

  // The chosen model layer: the one named, else the first usable.
  const chosen = choices.find((c) => c.name === layerName && !c.reason) ?? choices.find((c) => !c.reason);

  const custom = useMemo(() => {
    const parsed = parseShape(text, limits);
    if (!parsed.shape) return { layer: null, problems: parsed.problems };
    const s = parsed.shape;
    const w = [s.k, s.groups > 0 && s.c % s.groups === 0 ? s.c / s.groups : 1, s.r, s.s];
    const { shape, problems } = checkGeometry([1, s.c, s.h, s.w], w, {
      strides: [s.stride, s.stride],
      pads: [s.pad, s.pad, s.pad, s.pad],
      dilations: [s.dilation, s.dilation],
      group: s.groups,
    }, limits.maxMacs); // prettier-ignore
    if (!shape) return { layer: null, problems };
    const reason = constraint?.(shape);
    if (reason) return { layer: null, problems: [{ code: 'constraint', message: reason } as LayerProblem] };
    return { layer: customLayer(s, shape, seed, values), problems: [] as LayerProblem[] };
  }, [text, limits, constraint, seed, values]);

  const picked: PickedLayer | null =
    mode === 'custom'
      ? custom.layer
      : chosen?.layer && chosen.shape
        ? modelLayer(model, chosen.layer, chosen.shape, seed, values)
        : null;

  useEffect(() => {
    if (picked) onChange(picked);
    // a new layer is reported when its key changes, not on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [picked?.key]);

  const problems = mode === 'custom' ? custom.problems : [];
  const invalid = new Set(problems.flatMap((p) => (p.code === 'range' ? [p.field] : [])));
  const errorId = `${id}-errors`;

  return (
    <fieldset className="layer-picker" data-testid="layer-picker" data-mode={mode}>
      <legend>{t.legend}</legend>
      <div className="lp-modes" role="group" aria-label={t.legend}>
        {(['model', 'custom'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="button"
            aria-pressed={mode === m}
            data-mode={m}
            onClick={() => setMode(m)}
          >
            {m === 'model' ? t.fromModel : t.custom}
          </button>
        ))}
      </div>

      {mode === 'model' ? (
        <div className="lp-row">
          <label className="lp-field lp-wide">
            <span>{t.model}</span>
            <select
              value={model}
              onChange={(e) => {
                setModel(e.target.value);
                setLayerName('');
              }}
              data-testid="picker-model"
            >
              {modelList.status === 'ready' ? (
                modelList.value.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id} ({t.megabytes(formatNumber(lang, m.bytes / 1e6, m.bytes < 1e6 ? 2 : 0))})
                  </option>
                ))
              ) : (
                <option value={model}>{model}</option>
              )}
            </select>
          </label>
          <label className="lp-field lp-wide">
            <span>{t.layer}</span>
            <select
              value={chosen?.name ?? ''}
              disabled={choices.length === 0}
              onChange={(e) => setLayerName(e.target.value)}
              data-testid="picker-layer"
            >
              {choices.map((c) => (
                <option key={c.name} value={c.name} disabled={c.reason !== null}>
                  {c.shape ? `${c.name} — ${layerLabel(c.shape)}` : c.name}
                  {c.reason ? ` (${t.unusable(c.reason)})` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <div className="lp-grid">
          {SHAPE_FIELDS.map((field: ShapeField) =>
            field in fixed ? (
              <div key={field} className="lp-field lp-fixed">
                <span>{t.fixed(t.fields[field])}</span>
                <output>{fixed[field]}</output>
              </div>
            ) : (
              <label key={field} className="lp-field">
                <span>{t.fields[field]}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={limits.min[field]}
                  max={limits.max[field]}
                  value={text[field]}
                  aria-invalid={invalid.has(field)}
                  aria-describedby={problems.length ? errorId : undefined}
                  data-field={field}
                  onChange={(e) => setText((prev) => ({ ...prev, [field]: e.target.value }))}
                />
              </label>
            ),
          )}
        </div>
      )}

      <div className="lp-row lp-values">
        <label className="lp-field">
          <span>{t.values}</span>
          <select
            value={values}
            onChange={(e) => setValues(e.target.value as ValueKind)}
            data-testid="picker-values"
          >
            <option value="integers">{t.integers}</option>
            <option value="uniform">{t.uniform}</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => setSeed((s) => s + 1)}>
          {t.reseed}
        </button>
        <span className="lp-seed">{t.seed(seed)}</span>
      </div>

      <LoadStatus mode={mode} model={model} modelList={modelList.status} layers={layers} />

      {problems.length > 0 && (
        <div id={errorId} className="lp-problems" role="alert" data-testid="picker-problems">
          {problems.map((p, i) => (
            <p key={i}>{problemText(p)}</p>
          ))}
          <p className="lp-kept">{t.keptPrevious}</p>
        </div>
      )}

      {picked && (
        <p className="lp-summary" data-testid="picker-summary">
          {t.summary(
            dims(picked.x.dims),
            dims(picked.w.dims),
            picked.bias !== null,
            dims([picked.shape.n, picked.shape.m, picked.shape.oh, picked.shape.ow]),
          )}
          <span className="lp-origin">
            {' '}
            · {picked.source.kind === 'model' ? t.realWeights : t.seededWeights}
          </span>
        </p>
      )}
    </fieldset>
  );
}

function LoadStatus({
  mode,
  model,
  modelList,
  layers,
}: {
  mode: LayerSource['kind'];
  model: string;
  modelList: string;
  layers: ReturnType<typeof useModelLayers>;
}) {
  const t = useStrings(pickerStrings);
  if (mode !== 'model') return null;
  const s = layers.state;
  if (modelList === 'loading' || s.status === 'loading')
    return (
      <div
        className="lp-status"
        role="status"
        aria-busy="true"
        data-testid="picker-status"
        data-status="loading"
      >
        <span className="lp-spinner" aria-hidden="true" />
        {s.status === 'loading' ? t.loadingLayers(model) : t.loadingModels}
        {s.status === 'loading' && (
          <button type="button" className="button" onClick={layers.cancel}>
            {t.cancel}
          </button>
        )}
      </div>
    );
  if (s.status === 'cancelled' || s.status === 'error')
    return (
      <div className="lp-status error" role="alert" data-testid="picker-status" data-status={s.status}>
        {s.status === 'error' ? t.loadFailed(s.message) : t.cancelled}
        <button type="button" className="button" onClick={layers.retry}>
          {t.retry}
        </button>
      </div>
    );
  return null;
}
