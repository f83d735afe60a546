// Where the layout viewer's tensor comes from: dims the reader types (seeded random values), or a real
// activation of digits-cnn computed by the engine's interpreter.
import { useEffect, useMemo, useState } from 'react';
import { randomUniformTensor, seededRandom, type Dims4, type Tensor } from '../../engine';
import { useStrings } from '../../ui/i18n';
import { ACTIVATIONS, loadActivation, type ActivationId } from './activation';
import { VIEW_LIMITS, dimsProblem } from './model';
import { strings } from './strings';
import { useErrorText } from '../../ui/errorText';

export interface SourceState {
  tensor: Tensor<'float32'> | null;
  /** A message about the source: loading, loaded, or what is wrong. */
  note: string;
  error: boolean;
}

type Choice = 'custom' | ActivationId;
const DIM_NAMES = ['N', 'C', 'H', 'W'] as const;

export function useTensorSource(initialDims: Dims4) {
  const t = useStrings(strings);
  const describeError = useErrorText();
  const [choice, setChoice] = useState<Choice>('custom');
  const [dims, setDims] = useState<number[]>([...initialDims]);
  const [loaded, setLoaded] = useState<{ id: ActivationId; tensor: Tensor<'float32'>; label: number } | null>(
    null,
  );
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (choice === 'custom') return;
    let live = true;
    setFailure(null);
    loadActivation(choice, import.meta.env.BASE_URL).then(
      (r) => live && setLoaded({ id: choice, ...r }),
      (e: unknown) => live && setFailure(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [choice, describeError]);

  const problem = dimsProblem(dims);
  const key = dims.join(',');
  // One tensor per dims, so that what is derived from it is not rebuilt on every render.
  const custom = useMemo(
    () =>
      dimsProblem(key.split(',').map(Number))
        ? null
        : randomUniformTensor(seededRandom(7), key.split(',').map(Number)),
    [key],
  );

  let state: SourceState;
  if (choice === 'custom') {
    state =
      problem || !custom
        ? {
            tensor: null,
            error: true,
            note: problem
              ? t.badDim(problem === 'elements' ? problem : problem.toUpperCase(), VIEW_LIMITS[problem])
              : '',
          }
        : { tensor: custom, error: false, note: '' };
  } else if (failure) state = { tensor: null, error: true, note: t.loadFailed(failure) };
  else if (loaded?.id === choice)
    state = { tensor: loaded.tensor, error: false, note: t.loaded(loaded.label) };
  else state = { tensor: null, error: false, note: t.loading };

  const controls = (
    <div className="lv-source">
      <label className="widget-field lv-field">
        <span>{t.source}</span>
        <select
          value={choice}
          onChange={(e) => setChoice(e.target.value as Choice)}
          data-testid="tensor-source"
        >
          <option value="custom">{t.custom}</option>
          {ACTIVATIONS.map((a) => (
            <option key={a.id} value={a.id}>
              {t.activation(t.activationNames[a.id])}
            </option>
          ))}
        </select>
      </label>
      {choice === 'custom' &&
        DIM_NAMES.map((name, i) => (
          <label key={name} className="widget-field lv-field small">
            <span>{name}</span>
            <input
              type="number"
              min={1}
              step={1}
              value={Number.isFinite(dims[i]) ? dims[i] : ''}
              data-dim={name}
              onChange={(e) => setDims((d) => d.map((v, j) => (j === i ? e.target.valueAsNumber : v)))}
            />
          </label>
        ))}
    </div>
  );
  return { state, controls };
}
