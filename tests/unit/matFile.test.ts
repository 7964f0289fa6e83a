import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readMatFile } from '../helpers/matFile';

/** A data element: type, byte count, the bytes, padded to 8. */
function element(type: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + Math.ceil(bytes.length / 8) * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, bytes.length, true);
  out.set(bytes, 8);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A miMATRIX element of class `mxClass` holding `values` (stored as `type`) with the given dimensions and name. */
function matrix(name: string, dimensions: number[], mxClass: number, type: number, values: Uint8Array): Uint8Array {
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, mxClass, true);
  const dims = new Uint8Array(new Int32Array(dimensions).buffer);
  return element(14, concat(element(6, flags), element(5, dims), element(1, new TextEncoder().encode(name)), element(type, values)));
}

function matFile(...elements: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(128);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by a test'));
  header[124] = 0;
  header[125] = 1;
  header[126] = 'I'.charCodeAt(0);
  header[127] = 'M'.charCodeAt(0);
  return concat(header, ...elements);
}

describe('readMatFile', () => {
  it('reads uint8 and double arrays, stored as they are and zlib-compressed, with their dimensions (first fastest)', () => {
    const image = matrix('I', [2, 3, 2], 9, 2, Uint8Array.from({ length: 12 }, (_, i) => i * 10));
    const doubles = matrix('D', [1, 2], 6, 9, new Uint8Array(Float64Array.of(1.5, -2).buffer));
    const compressed = deflateSync(image);
    const wrapped = new Uint8Array(8 + compressed.length);
    new DataView(wrapped.buffer).setUint32(0, 15, true);
    new DataView(wrapped.buffer).setUint32(4, compressed.length, true);
    wrapped.set(compressed, 8);
    for (const file of [matFile(image, doubles), matFile(doubles, wrapped)]) {
      const arrays = readMatFile(file);
      expect(arrays.get('I')?.dimensions).toEqual([2, 3, 2]);
      expect(Array.from(arrays.get('I')!.values)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
      expect(Array.from(arrays.get('D')!.values)).toEqual([1.5, -2]);
    }
  });

  it('passes over arrays that are not numeric and refuses a file that is not a level 5 MAT-file', () => {
    const cell = matrix('C', [1, 1], 1, 2, new Uint8Array(1));
    expect(readMatFile(matFile(cell)).size).toBe(0);
    expect(() => readMatFile(new Uint8Array(200))).toThrow(/MAT-file/);
  });
});
