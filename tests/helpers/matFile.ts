/**
 * A reader for the numeric arrays of a MATLAB level 5 MAT-file (the format MATLAB writes by default before 7.3): enough
 * to read a real data set distributed that way, not a general reader. Each variable is a miMATRIX data element, stored
 * as is or inside a zlib-compressed miCOMPRESSED element; of a numeric array the dimensions (column-major, the first
 * fastest) and the real part are kept. Cell, struct, sparse, complex and character arrays are passed over.
 */
import { inflateSync } from 'node:zlib';

/** A numeric MATLAB array: its dimensions (first fastest) and its values in that order. */
export interface MatArray {
  readonly dimensions: readonly number[];
  readonly values: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
}

const HEADER_BYTES = 128;
const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
/** miUINT8 … miDOUBLE: the typed array each data type is read into. */
const NUMERIC_TYPES: Record<number, (bytes: Uint8Array) => MatArray['values']> = {
  1: (b) => new Int8Array(b.buffer, b.byteOffset, b.byteLength),
  2: (b) => b,
  3: (b) => new Int16Array(b.slice().buffer),
  4: (b) => new Uint16Array(b.slice().buffer),
  5: (b) => new Int32Array(b.slice().buffer),
  6: (b) => new Uint32Array(b.slice().buffer),
  7: (b) => new Float32Array(b.slice().buffer),
  9: (b) => new Float64Array(b.slice().buffer),
};
/** mxCLASS codes of the numeric arrays (double … uint64); the others are not read. */
const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const COMPLEX_FLAG = 0x800;

interface Element {
  readonly type: number;
  readonly data: Uint8Array;
  /** Offset of the next element. */
  readonly next: number;
}

/** The data element at `offset` of `bytes` (little-endian), in its long or its small (4-byte) form. */
function elementAt(bytes: Uint8Array, offset: number): Element {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(offset, true);
  if (first >>> 16 !== 0) {
    const size = first >>> 16;
    return { type: first & 0xffff, data: bytes.subarray(offset + 4, offset + 4 + size), next: offset + 8 };
  }
  const size = view.getUint32(offset + 4, true);
  const start = offset + 8;
  // A compressed element is not padded; every other is padded to a multiple of 8 bytes.
  const padded = first === MI_COMPRESSED ? size : Math.ceil(size / 8) * 8;
  return { type: first, data: bytes.subarray(start, start + size), next: start + padded };
}

/** The numeric array of a miMATRIX element's contents with its name, or null for any other kind of array. */
function matrixOf(data: Uint8Array): { name: string; array: MatArray } | null {
  const flags = elementAt(data, 0);
  const flagWord = new DataView(flags.data.buffer, flags.data.byteOffset, flags.data.byteLength).getUint32(0, true);
  if (!NUMERIC_CLASSES.has(flagWord & 0xff) || (flagWord & COMPLEX_FLAG) !== 0) return null;
  const dims = elementAt(data, flags.next);
  if (dims.type !== MI_INT32) return null;
  const dimensions = Array.from(new Int32Array(dims.data.slice().buffer));
  const name = elementAt(data, dims.next);
  if (name.type !== MI_INT8) return null;
  const real = elementAt(data, name.next);
  const read = NUMERIC_TYPES[real.type];
  if (!read) return null;
  return { name: new TextDecoder().decode(name.data), array: { dimensions, values: read(real.data) } };
}

/**
 * The numeric arrays of a level 5 MAT-file by variable name. Throws on a file that is not one (a 7.3 file is HDF5) or
 * is big-endian.
 */
export function readMatFile(bytes: Uint8Array): Map<string, MatArray> {
  if (bytes.length < HEADER_BYTES || String.fromCharCode(bytes[126]!, bytes[127]!) !== 'IM') {
    throw new Error('not a little-endian level 5 MAT-file');
  }
  const arrays = new Map<string, MatArray>();
  let offset = HEADER_BYTES;
  while (offset + 8 <= bytes.length) {
    const element = elementAt(bytes, offset);
    offset = element.next;
    const matrix =
      element.type === MI_COMPRESSED
        ? (() => {
            const inner = new Uint8Array(inflateSync(element.data));
            const e = elementAt(inner, 0);
            return e.type === MI_MATRIX ? matrixOf(e.data) : null;
          })()
        : element.type === MI_MATRIX
          ? matrixOf(element.data)
          : null;
    if (matrix) arrays.set(matrix.name, matrix.array);
  }
  return arrays;
}
