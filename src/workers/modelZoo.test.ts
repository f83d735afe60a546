import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelError } from '../engine';
import { loadZooModel, parseManifest, verifyModelBytes, type ZooModel } from './modelZoo';

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

describe('loadZooModel', () => {
  const bytes = new Uint8Array([9, 8, 7]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const files: Record<string, Response | (() => Response)> = {};
  const serve = () =>
    vi.stubGlobal('fetch', async (url: string) => {
      const file = files[url];
      return typeof file === 'function' ? file() : (file ?? new Response('not found', { status: 404 }));
    });
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the manifest and the verified bytes under the base URL', async () => {
    files['/app/models/manifest.json'] = () => Response.json({ models: [{ ...entry(), bytes: 3, sha256 }] });
    files['/app/models/digits-cnn.onnx'] = () => new Response(bytes);
    serve();
    const { model, bytes: got } = await loadZooModel('digits-cnn', '/app/');
    expect(model.id).toBe('digits-cnn');
    expect([...new Uint8Array(got)]).toEqual([9, 8, 7]);
  });

  it('names the missing model and the models there are', async () => {
    files['/models/manifest.json'] = () => Response.json([entry(), entry({ id: 'digits-vit' })]);
    serve();
    await expect(loadZooModel('nope', '/')).rejects.toThrow(/no model "nope".*digits-cnn, digits-vit/);
  });

  it('reports a file that is missing on the server', async () => {
    files['/x/models/manifest.json'] = () => Response.json([{ ...entry(), file: 'gone.onnx' }]);
    serve();
    await expect(loadZooModel('digits-cnn', '/x/')).rejects.toThrow(/gone\.onnx: HTTP 404/);
  });
});
