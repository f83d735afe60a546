import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { BYTES_PER_ELEMENT, tensor, type DType } from '../ir/tensor';
import { readNpy, writeNpy } from './npy';

const python = '/usr/bin/python3';
const hasNumpy = (() => {
  try {
    execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('.npy', () => {
  const cases: [DType, number[]][] = [
    ['float32', [1.5, -2, 0, 3.25, 1e-8, -7]],
    ['float64', [Math.PI, -1e300, 0, 1, 2, 3]],
    ['float16', [1, -0.5, 65504, 0, 2, 0.25]],
    ['int8', [-128, 127, 0, 1, 2, 3]],
    ['uint8', [0, 255, 7, 1, 2, 3]],
    ['int32', [-(2 ** 31), 2 ** 31 - 1, 0, 1, 2, 3]],
    ['int64', [-(2 ** 40), 2 ** 50, 0, 1, 2, 3]],
    ['bool', [1, 0, 1, 1, 0, 0]],
  ];

  it.each(cases)('%s round-trips through write and read, data aligned to 64 bytes', (dtype, values) => {
    const t = tensor(dtype, [2, 3], values);
    const bytes = writeNpy(t);
    const headerBytes = bytes.length - 6 * BYTES_PER_ELEMENT[dtype];
    expect(headerBytes % 64).toBe(0);
    expect(readNpy(bytes)).toEqual(t);
  });

  it('writes 1-D and 0-D shapes as Python tuples', () => {
    const header = (dims: number[]) =>
      new TextDecoder().decode(
        writeNpy(tensor('float32', dims, new Array(dims.reduce((a, b) => a * b, 1)).fill(0))).subarray(
          10,
          80,
        ),
      );
    expect(header([4])).toContain("'shape': (4,)");
    expect(header([])).toContain("'shape': ()");
  });

  it.skipIf(!hasNumpy)('reads what numpy writes, and numpy reads what it writes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npy-'));
    try {
      const theirs = path.join(dir, 'theirs.npy');
      execFileSync(python, [
        '-c',
        `import numpy as np; np.save(${JSON.stringify(theirs)}, np.arange(12, dtype=np.int64).reshape(3, 4) - 5)`,
      ]);
      expect(readNpy(new Uint8Array(fs.readFileSync(theirs)))).toEqual(
        tensor(
          'int64',
          [3, 4],
          Array.from({ length: 12 }, (_, i) => i - 5),
        ),
      );
      const ours = path.join(dir, 'ours.npy');
      fs.writeFileSync(ours, writeNpy(tensor('float32', [2, 2], [0.5, -1, 2, 3])));
      const printed = execFileSync(python, [
        '-c',
        `import numpy as np; a = np.load(${JSON.stringify(ours)}); print(a.dtype, a.shape, a.tolist())`,
      ]);
      expect(printed.toString().trim()).toBe('float32 (2, 2) [[0.5, -1.0], [2.0, 3.0]]');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('rejects what it cannot read with a ModelError', () => {
    const good = writeNpy(tensor('float32', [2], [1, 2]));
    const withHeader = (h: string) => {
      const bytes = good.slice();
      const text = h.padEnd(good[8] - 1, ' ') + '\n';
      for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
      return bytes;
    };
    const expectError = (bytes: Uint8Array, message: RegExp) => {
      expect(() => readNpy(bytes)).toThrow(ModelError);
      expect(() => readNpy(bytes)).toThrow(message);
    };
    expectError(new TextEncoder().encode('hello, world'), /no \\x93NUMPY magic/);
    expectError(good.subarray(0, good.length - 1), /needs 8 data bytes, the file has 7/);
    expectError(
      withHeader("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }"),
      /'<c8' is not supported/,
    );
    expectError(withHeader("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }"), /Fortran-ordered/);
    expectError(withHeader("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }"), /big-endian/);
    expectError(
      withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100), }"),
      /exceed the limit/,
    );
  });
});
