// The model zoo as served from public/models/: manifest.json lists each model (id, file, sha256, bytes,
// inputs …). Widgets load a model by id; the bytes are checked against the manifest before use, so a
// truncated or stale file is reported as such instead of failing somewhere inside onnxruntime.
import { ModelError, findModel, parseManifest, type ZooManifest, type ZooModel } from '../engine';

export type { ZooModel };

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Checks size and, where the browser offers SubtleCrypto (secure contexts), the SHA-256 of a model file. */
export async function verifyModelBytes(model: ZooModel, bytes: ArrayBuffer): Promise<void> {
  if (bytes.byteLength !== model.bytes)
    throw new ModelError(
      'invalid',
      `${model.file} has ${bytes.byteLength} bytes, the manifest says ${model.bytes}`,
    );
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return;
  const digest = hex(await subtle.digest('SHA-256', bytes));
  if (digest !== model.sha256)
    throw new ModelError('invalid', `${model.file} does not match its sha256 in the manifest`);
}

/** Fetches and validates public/models/manifest.json; `base` is the app's base URL. */
export async function loadManifest(base: string, signal?: AbortSignal): Promise<ZooManifest> {
  return parseManifest(await (await fetchOk(`${base}models/manifest.json`, signal)).json());
}

async function fetchOk(url: string, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new ModelError('parse', `could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

/** Fetches the manifest entry and the verified bytes of a model; `base` is the app's base URL. */
export async function loadZooModel(
  id: string,
  base: string,
  signal?: AbortSignal,
): Promise<{ model: ZooModel; bytes: ArrayBuffer }> {
  const model = findModel(await loadManifest(base, signal), id);
  const bytes = await (await fetchOk(`${base}models/${model.file}`, signal)).arrayBuffer();
  await verifyModelBytes(model, bytes);
  return { model, bytes };
}
