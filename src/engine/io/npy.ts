// NumPy's .npy format (numpy.lib.format, versions 1.0–3.0): the magic "\x93NUMPY", a version, a header
// length, a Python-dict header {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with
// spaces to a multiple of 64 bytes, then the raw little-endian data in C order. Pure: bytes in, bytes out.
import { ModelError } from '../errors';
import { halfToFloat, floatToHalf } from '../ir/float16';
import { allocate, numel, type DType, type Tensor } from '../ir/tensor';
import { MAX_RANK, MAX_TENSOR_ELEMENTS } from '../onnx/limits';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** The dtype of each descr (the byte-order mark '<', '|' or '=' is read separately). */
const DTYPE_OF_DESCR: Record<string, Exclude<DType, 'string'>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  u1: 'uint8',
  i2: 'int16',
  u2: 'uint16',
  i4: 'int32',
  u4: 'uint32',
  i8: 'int64',
  u8: 'uint64',
  b1: 'bool',
};
const DESCR_OF_DTYPE = Object.fromEntries(Object.entries(DTYPE_OF_DESCR).map(([d, t]) => [t, d])) as Record<
  string,
  string
>;
const WIDTH: Record<string, number> = {
  f2: 2,
  f4: 4,
  f8: 8,
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
  b1: 1,
};

const bad = (message: string) => new ModelError('input', `.npy: ${message}`);

function parseHeader(header: string) {
  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) throw bad(`unreadable header ${JSON.stringify(header.trim())}`);
  const [, order, code] = descr;
  const dtype = DTYPE_OF_DESCR[code];
  if (!dtype) throw bad(`dtype '${order}${code}' is not supported (floats, ints and bools are)`);
  if (order === '>' && WIDTH[code] > 1) throw bad('big-endian data is not supported; save it little-endian');
  if (fortran[1] === 'True')
    throw bad('Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray');
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (dims.length > MAX_RANK) throw bad(`rank ${dims.length} exceeds ${MAX_RANK}`);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw bad(`shape (${shape[1]}) is not a list of sizes`);
  return { dtype, code, dims };
}

export function readNpy(bytes: Uint8Array): Tensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw bad('not a .npy file (no \\x93NUMPY magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) throw bad(`format version ${major}.${bytes[7]} is not supported`);
  const lengthSize = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthSize + headerLength;
  if (start > bytes.length) throw bad('the file ends inside its header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(8 + lengthSize, start),
  );
  const { dtype, code, dims } = parseHeader(header);
  const n = numel(dims);
  if (n > MAX_TENSOR_ELEMENTS)
    throw new ModelError('limit', `.npy: ${n} elements exceed the limit of ${MAX_TENSOR_ELEMENTS}`);
  const width = WIDTH[code];
  if (bytes.length - start !== n * width)
    throw bad(
      `shape (${dims.join(', ')}) of ${dtype} needs ${n * width} data bytes, the file has ${bytes.length - start}`,
    );
  const data = allocate(dtype, n) as Exclude<Tensor['data'], string[]>;
  for (let i = 0; i < n; i++) {
    const at = start + i * width;
    switch (code) {
      case 'f2':
        data[i] = halfToFloat(view.getUint16(at, true));
        break;
      case 'f4':
        data[i] = view.getFloat32(at, true);
        break;
      case 'f8':
        data[i] = view.getFloat64(at, true);
        break;
      case 'i1':
        data[i] = view.getInt8(at);
        break;
      case 'u1':
        data[i] = view.getUint8(at);
        break;
      case 'b1':
        data[i] = view.getUint8(at) ? 1 : 0;
        break;
      case 'i2':
        data[i] = view.getInt16(at, true);
        break;
      case 'u2':
        data[i] = view.getUint16(at, true);
        break;
      case 'i4':
        data[i] = view.getInt32(at, true);
        break;
      case 'u4':
        data[i] = view.getUint32(at, true);
        break;
      case 'i8':
        data[i] = Number(view.getBigInt64(at, true));
        break;
      case 'u8':
        data[i] = Number(view.getBigUint64(at, true));
        break;
    }
  }
  return { dtype, dims, data } as Tensor;
}

export function writeNpy(t: Tensor): Uint8Array {
  const code = DESCR_OF_DTYPE[t.dtype];
  if (!code) throw bad(`${t.dtype} tensors cannot be written as .npy here`);
  const order = WIDTH[code] === 1 ? '|' : '<';
  const shape = t.dims.length === 1 ? `(${t.dims[0]},)` : `(${t.dims.join(', ')})`;
  let header = `{'descr': '${order}${code}', 'fortran_order': False, 'shape': ${shape}, }`;
  // pad with spaces so that the data starts at a multiple of 64 bytes; the header ends with a newline
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const width = WIDTH[code];
  const n = t.data.length;
  const bytes = new Uint8Array(total + n * width);
  bytes.set(MAGIC);
  bytes[6] = 1;
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const values = t.data as ArrayLike<number>;
  for (let i = 0; i < n; i++) {
    const at = total + i * width;
    const v = values[i];
    switch (code) {
      case 'f2':
        view.setUint16(at, floatToHalf(v), true);
        break;
      case 'f4':
        view.setFloat32(at, v, true);
        break;
      case 'f8':
        view.setFloat64(at, v, true);
        break;
      case 'i1':
        view.setInt8(at, v);
        break;
      case 'u1':
      case 'b1':
        view.setUint8(at, v);
        break;
      case 'i2':
        view.setInt16(at, v, true);
        break;
      case 'u2':
        view.setUint16(at, v, true);
        break;
      case 'i4':
        view.setInt32(at, v, true);
        break;
      case 'u4':
        view.setUint32(at, v, true);
        break;
      case 'i8':
        view.setBigInt64(at, BigInt(Math.trunc(v)), true);
        break;
      case 'u8':
        view.setBigUint64(at, BigInt(Math.trunc(v)), true);
        break;
    }
  }
  return bytes;
}
