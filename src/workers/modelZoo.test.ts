import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadZooModel, verifyModelBytes, type ZooModel } from './modelZoo';

// The real manifest, with one model's file replaced by a few test bytes.
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../public/models/manifest.json'), 'utf8'),
);
const entry = (extra: Record<string, unknown> = {}) => ({ ...manifest.models[0], ...extra });
const withModels = (...models: object[]) => ({ ...manifest, models });

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
    files['/app/models/manifest.json'] = () => Response.json(withModels({ ...entry(), bytes: 3, sha256 }));
    files['/app/models/digits-cnn.onnx'] = () => new Response(bytes);
    serve();
    const { model, bytes: got } = await loadZooModel('digits-cnn', '/app/');
    expect(model.id).toBe('digits-cnn');
    expect([...new Uint8Array(got)]).toEqual([9, 8, 7]);
  });

  it('names the missing model and the models there are', async () => {
    files['/models/manifest.json'] = () => Response.json(manifest);
    serve();
    await expect(loadZooModel('nope', '/')).rejects.toThrow(/no model "nope".*digits-cnn, .*digits-vit/);
  });

  it('reports a file that is missing on the server', async () => {
    files['/x/models/manifest.json'] = () => Response.json(withModels({ ...entry(), file: 'gone.onnx' }));
    serve();
    await expect(loadZooModel('digits-cnn', '/x/')).rejects.toThrow(/gone\.onnx: HTTP 404/);
  });
});
