// The model zoo as served from public/models/: manifest.json lists each model (id, file, sha256, bytes,
// inputs …). Widgets load a model by id; the bytes are checked against the manifest before use, so a
// truncated or stale file is reported as such instead of failing somewhere inside onnxruntime.
import { ModelError } from '../engine';

export interface ZooValue {
  name: string;
  dtype: string;
  shape: (number | string)[];
}

export interface ZooModel {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  inputs: ZooValue[];
  /** Other manifest fields (accuracy, params, description …), kept as they are. */
  [field: string]: unknown;
}

const fail = (message: string, field?: string): never => {
  throw new ModelError('invalid', `models/manifest.json: ${message}`, field ? { field } : {});
};

function parseValue(v: unknown, field: string): ZooValue {
  const o = v as Partial<ZooValue> | null;
  if (!o || typeof o.name !== 'string' || typeof o.dtype !== 'string' || !Array.isArray(o.shape))
    return fail('expected {name, dtype, shape}', field);
  if (!o.shape.every((d) => typeof d === 'string' || (Number.isInteger(d) && (d as number) >= 0)))
    return fail('shape entries must be sizes or symbolic names', `${field}.shape`);
  return { name: o.name, dtype: o.dtype, shape: o.shape };
}

/** Validates the manifest: either a list of models or {models: [...]}. */
export function parseManifest(json: unknown): ZooModel[] {
  const list = Array.isArray(json) ? json : (json as { models?: unknown } | null)?.models;
  if (!Array.isArray(list)) return fail('expected a list of models or {"models": [...]}');
  return list.map((raw, i) => {
    const m = raw as Partial<ZooModel> | null;
    const at = `models[${i}]`;
    if (!m || typeof m !== 'object') return fail('expected an object', at);
    if (typeof m.id !== 'string' || !m.id) return fail('missing "id"', `${at}.id`);
    if (typeof m.file !== 'string' || !/^[\w.-]+$/.test(m.file))
      return fail(`"${m.id}" needs a plain file name`, `${at}.file`);
    if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256))
      return fail(`"${m.id}" needs a hex sha256`, `${at}.sha256`);
    if (!Number.isInteger(m.bytes) || (m.bytes as number) <= 0)
      return fail(`"${m.id}" needs a positive "bytes"`, `${at}.bytes`);
    if (!Array.isArray(m.inputs) || m.inputs.length === 0)
      return fail(`"${m.id}" lists no inputs`, `${at}.inputs`);
    return { ...m, inputs: m.inputs.map((v, k) => parseValue(v, `${at}.inputs[${k}]`)) } as ZooModel;
  });
}

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
  const manifest = parseManifest(await (await fetchOk(`${base}models/manifest.json`, signal)).json());
  const model = manifest.find((m) => m.id === id);
  if (!model)
    throw new ModelError(
      'input',
      `no model "${id}" in models/manifest.json (it has ${manifest.map((m) => m.id).join(', ')})`,
    );
  const bytes = await (await fetchOk(`${base}models/${model.file}`, signal)).arrayBuffer();
  await verifyModelBytes(model, bytes);
  return { model, bytes };
}
