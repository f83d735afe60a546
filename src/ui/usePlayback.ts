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

/** Keeps step within [0, total − 1]; playing advances one step per tick and stops at the end. */
export function usePlayback(total: number, initialStep = 0): Playback {
  const [step, setRawStep] = useState(initialStep);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const last = Math.max(0, total - 1);
  const clamp = useCallback((s: number) => Math.max(0, Math.min(last, Math.round(s))), [last]);

  useEffect(() => setRawStep((s) => clamp(s)), [clamp]);
  useEffect(() => {
    if (!playing) return;
    if (step >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setRawStep((s) => clamp(s + 1)), 1000 / (BASE_RATE * speed));
    return () => clearTimeout(timer);
  }, [playing, step, last, speed, clamp]);

  return {
    step,
    total,
    playing,
    speed,
    setStep: (s) => setRawStep(clamp(s)),
    next: () => setRawStep((s) => clamp(s + 1)),
    prev: () => setRawStep((s) => clamp(s - 1)),
    toggle: () => {
      if (!playing && step >= last) setRawStep(0); // replay from the start
      setPlaying((p) => !p);
    },
    setSpeed,
  };
}
