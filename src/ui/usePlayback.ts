// Playback state of a stepper: the current step of a replayed trace, play/pause and speed.
import { useCallback, useEffect, useState } from 'react';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface Playback {
  step: number;
  total: number;
  playing: boolean;
  speed: Speed;
  setStep(step: number): void;
  next(): void;
  prev(): void;
  toggle(): void;
  setSpeed(speed: Speed): void;
}

/** Steps per second at speed 1. */
const BASE_RATE = 2;

/**
 * Keeps step within [0, total − 1]; playing advances one step per tick and stops at the end.
 * When `resetKey` changes (a new trace), the step goes back to `initialStep` in the same render: an
 * effect would run after the commit and could undo a step the reader took in between.
 */
export function usePlayback(total: number, initialStep = 0, resetKey?: unknown): Playback {
  const [rawStep, setRawStep] = useState(initialStep);
  const [shownKey, setShownKey] = useState(resetKey);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const last = Math.max(0, total - 1);
  const clamp = useCallback((s: number) => Math.max(0, Math.min(last, Math.round(s))), [last]);
  if (resetKey !== shownKey) {
    setShownKey(resetKey);
    setRawStep(initialStep);
    setPlaying(false);
  }
  const step = clamp(rawStep);
  useEffect(() => {
    if (!playing) return;
    if (step >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setRawStep((s) => clamp(clamp(s) + 1)), 1000 / (BASE_RATE * speed));
    return () => clearTimeout(timer);
  }, [playing, step, last, speed, clamp]);

  return {
    step,
    total,
    playing,
    speed,
    setStep: (s) => setRawStep(clamp(s)),
    next: () => setRawStep((s) => clamp(clamp(s) + 1)),
    prev: () => setRawStep((s) => clamp(clamp(s) - 1)),
    toggle: () => {
      if (!playing && step >= last) setRawStep(0); // replay from the start
      setPlaying((p) => !p);
    },
    setSpeed,
  };
}
