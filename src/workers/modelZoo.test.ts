import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../engine';
import { parseManifest, verifyModelBytes, type ZooModel } from './modelZoo';

const entry = (extra: Record<string, unknown> = {}) => ({
  id: 'digits-cnn',
  file: 'digits-cnn.onnx',
  sha256: 'a'.repeat(64),
  bytes: 10,
  inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 1, 8, 8] }],
  accuracy: 0.98,
  ...extra,
});

describe('parseManifest', () => {
  it('accepts a list or {models: [...]} and keeps extra fields', () => {
    expect(parseManifest([entry()])[0]).toMatchObject({ id: 'digits-cnn', accuracy: 0.98 });
    expect(parseManifest({ version: 1, models: [entry()] })[0].inputs[0].shape).toEqual(['batch', 1, 8, 8]);
  });

  it('names the entry and field that is wrong', () => {
    const bad: [unknown, RegExp][] = [
      [{ nothing: true }, /list of models/],
      [[entry({ id: '' })], /models\[0\]\.id/],
      [[entry(), entry({ file: '../../etc/passwd' })], /models\[1\]\.file/],
      [[entry({ sha256: 'xyz' })], /sha256/],
      [[entry({ bytes: -1 })], /bytes/],
      [[entry({ inputs: [] })], /no inputs/],
      [[entry({ inputs: [{ name: 'x', dtype: 'float32', shape: [1.5] }] })], /inputs\[0\]\.shape/],
    ];
    for (const [json, message] of bad) {
      expect(() => parseManifest(json)).toThrow(ModelError);
      expect(() => parseManifest(json)).toThrow(message);
    }
  });
});

describe('verifyModelBytes', () => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5]).buffer;
  const sha256 = createHash('sha256').update(new Uint8Array(bytes)).digest('hex');
  const model = { ...entry(), bytes: 5, sha256 } as ZooModel;

  it('accepts bytes of the right size and hash', async () => {
    await expect(verifyModelBytes(model, bytes)).resolves.toBeUndefined();
  });

  it('rejects a wrong size or a wrong hash', async () => {
    await expect(verifyModelBytes(model, new ArrayBuffer(4))).rejects.toThrow(
      /has 4 bytes, the manifest says 5/,
    );
    await expect(verifyModelBytes(model, new Uint8Array([1, 2, 3, 4, 6]).buffer)).rejects.toThrow(/sha256/);
  });
});
