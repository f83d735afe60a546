// Controls shared by every stepper: play/pause, step back/forward, first/last, scrub, speed.
// Keyboard (while focus is inside the controls or the stepper they belong to): Space play/pause,
// ←/→ one step, Home/End first/last.
import { useId, type KeyboardEvent } from 'react';
import { defineStrings, formatNumber, useLang, useStrings } from './i18n';
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

/** The controls' symbols as SVG: the media glyphs (⏮ ⏭ ⏸) are missing from many systems' fonts. */
const ICONS = {
  first: 'M3 3h2v10H3zM13 3v10L6 8z',
  prev: 'M11 3v10L4 8z',
  play: 'M5 3v10l7-5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  last: 'M11 3h2v10h-2zM3 3v10l7-5z',
} as const;

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="currentColor"
      style={{ verticalAlign: '-0.125em' }}
    >
      <path d={ICONS[name]} />
    </svg>
  );
}

export function StepControls({ playback: p }: { playback: Playback }) {
  const t = useStrings(strings);
  const lang = useLang();
  const id = useId();
  const atStart = p.step <= 0;
  const atEnd = p.step >= p.total - 1;
  return (
    <div className="step-controls" role="group" aria-label={t.controls} data-own-keys onKeyDown={stepperKeys(p)}>
      <button type="button" className="icon-button" onClick={() => p.setStep(0)} disabled={atStart} aria-label={t.first}>
        <Icon name="first" />
      </button>
      <button type="button" className="icon-button" onClick={p.prev} disabled={atStart} aria-label={t.prev}>
        <Icon name="prev" />
      </button>
      <button type="button" className="button primary" onClick={p.toggle} disabled={p.total <= 1} aria-pressed={p.playing}>
        <Icon name={p.playing ? 'pause' : 'play'} /> {p.playing ? t.pause : t.play}
      </button>
      <button type="button" className="icon-button" onClick={p.next} disabled={atEnd} aria-label={t.next}>
        <Icon name="play" />
      </button>
      <button type="button" className="icon-button" onClick={() => p.setStep(p.total - 1)} disabled={atEnd} aria-label={t.last}>
        <Icon name="last" />
      </button>
      <input
        type="range"
        className="step-scrub"
        min={0}
        max={Math.max(0, p.total - 1)}
        value={p.step}
        aria-label={t.scrub}
        aria-valuetext={t.position(formatNumber(lang, p.step + 1), formatNumber(lang, p.total))}
        onChange={(e) => p.setStep(Number(e.target.value))}
      />
      <span className="step-position" aria-live="off">
        {t.position(formatNumber(lang, p.step + 1), formatNumber(lang, p.total))}
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
