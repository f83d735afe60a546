// Reader for the digit sets in public/data (digits-test.bin, digits-calib.bin), whose byte layout is
// documented in public/data/README.md and written by scripts/models/data.py. Takes bytes; fetching is the
// caller's business.
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';

const MAGIC = 'UCID';
const VERSION = 1;
const HEADER_BYTES = 16;
/** Bytes per image: 64 pixels, 1 label, 2 for the source row. */
const BYTES_PER_IMAGE = 8 * 8 + 1 + 2;

export interface DigitSet {
  /** uint8 [N, 8, 8], values 0–16. */
  images: Tensor<'uint8'>;
  /** uint8 [N], values 0–9. */
  labels: Tensor<'uint8'>;
  /** Row of each image in scikit-learn's digits.csv.gz, as listed in digits-split.json. */
  sourceRows: Uint16Array;
}

export function parseDigitSet(bytes: Uint8Array): DigitSet {
  const fail = (message: string, offset: number): never => {
    throw new ModelError('parse', `digit set: ${message}`, { offset });
  };
  if (bytes.length < HEADER_BYTES)
    fail(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MAGIC) fail(`magic is ${JSON.stringify(magic)}, expected "${MAGIC}"`, 0);
  const version = view.getUint32(4, true);
  if (version !== VERSION) fail(`format version ${version} is not supported (expected ${VERSION})`, 4);
  const count = view.getUint32(8, true);
  const rows = bytes[12];
  const cols = bytes[13];
  if (rows !== 8 || cols !== 8) fail(`images are ${rows}×${cols}, expected 8×8`, 12);
  const expected = HEADER_BYTES + count * BYTES_PER_IMAGE;
  if (bytes.length !== expected)
    fail(`${count} images need ${expected} bytes, the file has ${bytes.length}`, 8);

  const pixelsAt = HEADER_BYTES;
  const labelsAt = pixelsAt + count * 64;
  const rowsAt = labelsAt + count;
  const pixels = bytes.slice(pixelsAt, labelsAt);
  const bad = pixels.findIndex((v) => v > 16);
  if (bad >= 0)
    fail(`pixel value ${pixels[bad]} is above 16 (image ${Math.floor(bad / 64)})`, pixelsAt + bad);
  const labels = bytes.slice(labelsAt, rowsAt);
  const badLabel = labels.findIndex((v) => v > 9);
  if (badLabel >= 0)
    fail(`label ${labels[badLabel]} is not a digit (image ${badLabel})`, labelsAt + badLabel);
  const sourceRows = new Uint16Array(count);
  for (let i = 0; i < count; i++) sourceRows[i] = view.getUint16(rowsAt + 2 * i, true);
  return {
    images: { dtype: 'uint8', dims: [count, 8, 8], data: pixels },
    labels: { dtype: 'uint8', dims: [count], data: labels },
    sourceRows,
  };
}
