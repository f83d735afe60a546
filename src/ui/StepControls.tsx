// Controls shared by every stepper: play/pause, step back/forward, first/last, scrub, speed.
// Keyboard (while focus is inside the controls or the stepper they belong to): Space play/pause,
// ←/→ one step, Home/End first/last.
import { useId, type ButtonHTMLAttributes, type HTMLAttributes, type KeyboardEvent } from 'react';
import { defineStrings, formatNumber, useLang, useStrings } from './i18n';
import { StepIcon } from './StepIcons';
import { SPEEDS, type Playback, type Speed } from './usePlayback';

const strings = defineStrings({
  en: {
    controls: 'Step controls',
    play: 'Play',
    pause: 'Pause',
    first: 'First step',
    prev: 'Previous step',
    next: 'Next step',
    last: 'Last step',
    scrub: 'Step',
    speed: 'Speed',
    position: (step: string, total: string) => `step ${step} of ${total}`,
    keys: 'Space: play/pause · ←/→: step · Home/End',
  },
  zh: {
    controls: '步进控制',
    play: '播放',
    pause: '暂停',
    first: '第一步',
    prev: '上一步',
    next: '下一步',
    last: '最后一步',
    scrub: '步骤',
    speed: '速度',
    position: (step: string, total: string) => `第 ${step} / ${total} 步`,
    keys: '空格：播放/暂停 · ←/→：单步 · Home/End',
  },
});

/** Handles the stepper keys; attach to the element that wraps a stepper (it also gets data-own-keys). */
export function stepperKeys(p: Playback) {
  return (e: KeyboardEvent) => {
    if (e.defaultPrevented) return; // already handled by nested controls (StepControls inside a stepper)
    const target = e.target as HTMLElement;
    if (target.closest('input[type=text], input[type=number], textarea, select')) return;
    const actions: Record<string, () => void> = {
      ' ': p.toggle,
      ArrowRight: p.next,
      ArrowLeft: p.prev,
      Home: () => p.setStep(0),
      End: () => p.setStep(p.total - 1),
    };
    const action = actions[e.key];
    if (!action || (target instanceof HTMLInputElement && target.type === 'range' && e.key !== ' ')) return;
    if (e.key === ' ' && target.closest('button')) return; // a focused button's own Space press
    e.preventDefault();
    action();
  };
}

type StepperStageProps = Omit<HTMLAttributes<HTMLDivElement>, 'role' | 'tabIndex' | 'onKeyDown'> & {
  playback: Playback;
  label: string;
  /** Id of the element that says what the current step does (read out when the step changes). */
  describedBy: string;
};

/** The focusable region a stepper is drawn in: it takes the stepper keys and names its current step. */
export function StepperStage({ playback, label, describedBy, children, ...rest }: StepperStageProps) {
  return (
    <div
      role="group"
      aria-label={label}
      aria-describedby={describedBy}
      tabIndex={0}
      data-own-keys
      data-testid="stepper"
      data-step={playback.step}
      onKeyDown={stepperKeys(playback)}
      {...rest}
    >
      {children}
    </div>
  );
}

/**
 * A button that stays focusable when it cannot act (aria-disabled): a disabled button would drop the keyboard
 * focus to the page the moment the reader steps to the end, and the arrow keys would stop working.
 */
export function StepButton({ disabled, onClick, ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      {...rest}
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : onClick}
    />
  );
}

/**
 * `positionText` names a step when "step k of n" would mislead, e.g. a timeline whose step 0 is the input
 * and whose step k is the k-th rewrite.
 */
export function StepControls({
  playback: p,
  positionText,
}: {
  playback: Playback;
  positionText?: (step: number) => string;
}) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const atStart = p.step <= 0;
  const atEnd = p.step >= p.total - 1;
  const position = positionText
    ? positionText(p.step)
    : t.position(formatNumber(lang, p.step + 1), formatNumber(lang, p.total));
  return (
    <div
      className="step-controls"
      role="group"
      aria-label={t.controls}
      data-own-keys
      onKeyDown={stepperKeys(p)}
    >
      <StepButton
        className="icon-button"
        onClick={() => p.setStep(0)}
        disabled={atStart}
        aria-label={t.first}
      >
        <StepIcon name="first" />
      </StepButton>
      <StepButton className="icon-button" onClick={p.prev} disabled={atStart} aria-label={t.prev}>
        <StepIcon name="prev" />
      </StepButton>
      <button
        type="button"
        className="button primary"
        onClick={p.toggle}
        disabled={p.total <= 1}
        aria-pressed={p.playing}
      >
        <StepIcon name={p.playing ? 'pause' : 'play'} />
        {p.playing ? t.pause : t.play}
      </button>
      <StepButton className="icon-button" onClick={p.next} disabled={atEnd} aria-label={t.next}>
        <StepIcon name="next" />
      </StepButton>
      <StepButton
        className="icon-button"
        onClick={() => p.setStep(p.total - 1)}
        disabled={atEnd}
        aria-label={t.last}
      >
        <StepIcon name="last" />
      </StepButton>
      <input
        type="range"
        className="step-scrub"
        min={0}
        max={Math.max(0, p.total - 1)}
        value={p.step}
        aria-label={t.scrub}
        aria-valuetext={position}
        onChange={(e) => p.setStep(Number(e.target.value))}
      />
      <span className="step-position" aria-live="off">
        {position}
      </span>
      <label className="step-speed" htmlFor={id}>
        {t.speed}
        <select id={id} value={p.speed} onChange={(e) => p.setSpeed(Number(e.target.value) as Speed)}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="step-keys">{t.keys}</span>
    </div>
  );
}
