// Which passes run: a level preset (every pass of that level and below, as onnxruntime's levels) or a
// custom set, and whether fused nodes may be onnxruntime contrib ops.
import { useId } from 'react';
import { PASSES, selectPasses, type PassLevel, type PassName } from '../../engine';
import { Term } from '../../ui/Term';
import { useStrings } from '../../ui/i18n';
import { strings } from './strings';
import type { PipelineChoice } from './useOptimizer';

const LEVELS: PassLevel[] = ['basic', 'extended', 'all'];

/** The registered passes, in pipeline order. */
const ALL: PassName[] = PASSES.map((p) => p.name);
const LEVEL_OF = Object.fromEntries(PASSES.map((p) => [p.name, p.level])) as Record<PassName, PassLevel>;

export const passesOfLevel = (level: PassLevel): PassName[] => selectPasses({ level }).map((p) => p.name);

export function PassPicker({
  choice,
  onChange,
  disabled,
}: {
  choice: PipelineChoice;
  onChange: (choice: PipelineChoice) => void;
  disabled?: boolean;
}) {
  const t = useStrings(strings);
  const id = useId();
  const chosen = new Set(choice.passes ?? passesOfLevel(choice.level));
  const toggle = (p: PassName) => {
    const next = new Set(chosen);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    onChange({ ...choice, passes: ALL.filter((q) => next.has(q)) });
  };
  return (
    <fieldset className="go-passes" disabled={disabled}>
      <legend>{t.passes}</legend>
      <label className="go-field">
        <span>{t.preset}</span>
        <select
          value={choice.passes ? 'custom' : choice.level}
          onChange={(e) =>
            e.target.value === 'custom'
              ? onChange({ ...choice, passes: [...chosen] })
              : onChange({ ...choice, level: e.target.value as PassLevel, passes: null })
          }
          data-testid="preset"
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t.presets[l]}
            </option>
          ))}
          <option value="custom">{t.custom}</option>
        </select>
      </label>
      <span className="go-check">
        <input
          id={`${id}-contrib`}
          type="checkbox"
          checked={choice.contribOps}
          onChange={(e) => onChange({ ...choice, contribOps: e.target.checked })}
          data-testid="contrib-ops"
        />
        <label htmlFor={`${id}-contrib`}>{t.contribOps}</label>
        <Term tip={t.contribTip}>{t.whatIsThis}</Term>
      </span>
      <details className="go-pass-list">
        <summary>{t.choosePasses}</summary>
        {LEVELS.filter((level) => ALL.some((p) => LEVEL_OF[p] === level)).map((level) => (
          <div key={level} role="group" aria-labelledby={`${id}-${level}`} className="go-pass-group">
            <p id={`${id}-${level}`} className="go-pass-level">
              {t.levelGroup[level]}
            </p>
            {ALL.filter((p) => LEVEL_OF[p] === level).map((p) => (
              <label key={p} className="go-check" title={t.passTips[p]}>
                <input type="checkbox" checked={chosen.has(p)} onChange={() => toggle(p)} data-pass={p} />
                <code>{p}</code>
                <span className="go-pass-tip">{t.passTips[p]}</span>
              </label>
            ))}
          </div>
        ))}
      </details>
    </fieldset>
  );
}
