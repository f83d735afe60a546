import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import { createStats, observe, statsOf } from '../histogram';
import { sampleTensor } from '../samples';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, checkParams, computeParams, type QuantScheme } from '../scheme';
import {
  CALIBRATION_METHODS,
  activationParams,
  chooseRange,
  entropyLevels,
  type CalibrationMethod,
} from './choose';

describe('chooseRange / activationParams', () => {
  const signed = statsOf('signed', sampleTensor(20000, 'laplace', 1, 0.8, 0.2));
  const relu = statsOf(
    'relu',
    sampleTensor(20000, 'student-t3', 2).map((v) => Math.max(0, v)),
  );
  const schemes: QuantScheme[] = [
    INT8_SYMMETRIC,
    UINT8_ASYMMETRIC,
    { bits: 4, signed: false, symmetric: false },
  ];

  it.each(CALIBRATION_METHODS)(
    '%s: a range inside the observed one, turned into valid parameters',
    (method) => {
      for (const stats of [signed, relu])
        for (const scheme of schemes) {
          const { params, choice } = activationParams(stats, { method, scheme });
          expect(choice.method).toBe(method);
          const absMax = Math.max(-stats.min, stats.max);
          if (scheme.symmetric) {
            expect(choice.min).toBe(-choice.max);
            expect(choice.max).toBeLessThanOrEqual(absMax);
          } else {
            expect(choice.min).toBeGreaterThanOrEqual(stats.min);
            expect(choice.max).toBeLessThanOrEqual(stats.max);
          }
          expect(choice.max).toBeGreaterThan(0);
          expect(params).toEqual(computeParams(choice.min, choice.max, scheme));
          expect(() => checkParams(params)).not.toThrow();
        }
    },
  );

  it('passes the percentile and the candidate count through', () => {
    const p = chooseRange(signed, { method: 'percentile', scheme: INT8_SYMMETRIC, percentile: 99 });
    expect(p.method === 'percentile' && p.percentile).toBe(99);
    const m = chooseRange(signed, { method: 'mse', scheme: INT8_SYMMETRIC, mseCandidates: 10 });
    expect(m.method === 'mse' && m.curve.mse.length).toBe(10);
  });

  it('uses 128 entropy levels for int8, 256 for asymmetric non-negative data, 2^(b-1) at fewer bits', () => {
    expect(entropyLevels(signed, INT8_SYMMETRIC)).toBe(128);
    expect(entropyLevels(signed, UINT8_ASYMMETRIC)).toBe(128);
    expect(entropyLevels(relu, UINT8_ASYMMETRIC)).toBe(256);
    expect(entropyLevels(relu, INT8_SYMMETRIC)).toBe(128);
    expect(entropyLevels(signed, { bits: 4, signed: true, symmetric: true })).toBe(8);
  });

  it('rejects an unknown method and a tensor without values', () => {
    expect(() => chooseRange(signed, { method: 'kl' as CalibrationMethod, scheme: INT8_SYMMETRIC })).toThrow(
      /unknown calibration method "kl"/,
    );
    const empty = createStats('never_ran');
    observe(empty, []);
    for (const method of CALIBRATION_METHODS)
      expect(() => chooseRange(empty, { method, scheme: INT8_SYMMETRIC })).toThrow(ModelError);
  });
});
