// The quantization lab's shared state (not persisted): the last float/int8 pair the side-by-side widget
// produced for a digits model, so that the draw-a-digit widget on the same page runs those two models.
import { create } from 'zustand';
import type { CalibrationMethod, DigitsPreprocessing } from '../engine';

export interface QuantizedPair {
  /** Zoo id, or the uploaded file's name. */
  label: string;
  method: CalibrationMethod;
  float: ArrayBuffer;
  int8: ArrayBuffer;
  inputName: string;
  preprocessing: DigitsPreprocessing;
}

export const useQuantLab = create<{ latest: QuantizedPair | null }>(() => ({ latest: null }));

export function publishQuantized(pair: QuantizedPair): void {
  useQuantLab.setState({ latest: pair });
}
