// The interpreter against the ONNX backend test data: every case passes, except those listed (with the
// reason) in expected-failures.json. A new failure is a regression; a listed case that passes is stale.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../cli/conformanceDir';
import expectations from './expected-failures.json';
import { runConformanceCase } from './runCase';

const suite = path.resolve(__dirname, '../../../test-data/onnx-node');
const names = caseNames(suite);
const expectedFailures: Record<string, string> = expectations.failures;

describe('ONNX conformance (test-data/onnx-node)', () => {
  it('holds the 327 cases, and every listed failure is one of them', () => {
    expect(names.length).toBe(327);
    for (const name of Object.keys(expectedFailures)) expect(names).toContain(name);
  });

  it.each(names)('%s', (name) => {
    const result = runConformanceCase(readCase(suite, name));
    expect(result.crashed, `not a ModelError: ${result.reason}`).toBeUndefined();
    if (name in expectedFailures)
      expect(
        result.passed,
        `listed as failing but passes: remove "${name}" from expected-failures.json`,
      ).toBe(false);
    else expect(result.reason ?? '').toBe('');
  });
});
