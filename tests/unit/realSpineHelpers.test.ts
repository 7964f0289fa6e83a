import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { heightsFromPoints } from '../../measurement';
import '../../measurement/testing/matchers';
import { expectOk } from '../../measurement/testing/results';
import { maskLandmarks } from '../realSpine/maskLandmarks';
import { readNifti, valueAt, voxelToLps } from '../realSpine/nifti';

interface Spec {
  dims: [number, number, number];
  datatype?: number;
  littleEndian?: boolean;
  pixdim?: [number, number, number, number];
  slope?: number;
  intercept?: number;
  qform?: { b: number; c: number; d: number; offset: [number, number, number] };
  sform?: [number[], number[], number[]];
  magic?: string;
  rank?: number;
  dim4?: number;
  values?: (n: number) => number;
  truncateBy?: number;
}

/** A single-file NIfTI-1 image built byte by byte from the header layout of nifti1.h. */
function niftiBytes(spec: Spec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const datatype = spec.datatype ?? 4;
  const size = { 2: 1, 4: 2, 16: 4, 64: 8, 8: 4, 256: 1, 512: 2, 768: 4 }[datatype] ?? 2;
  const count = spec.dims[0] * spec.dims[1] * spec.dims[2];
  const bytes = new Uint8Array(352 + count * size - (spec.truncateBy ?? 0));
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 348, le);
  view.setInt16(40, spec.rank ?? 3, le);
  spec.dims.forEach((n, i) => view.setInt16(42 + 2 * i, n, le));
  view.setInt16(48, spec.dim4 ?? 1, le);
  view.setInt16(70, datatype, le);
  (spec.pixdim ?? [1, 1, 1, 1]).forEach((p, i) => view.setFloat32(76 + 4 * i, p, le));
  view.setFloat32(108, 352, le);
  view.setFloat32(112, spec.slope ?? 0, le);
  view.setFloat32(116, spec.intercept ?? 0, le);
  if (spec.qform) {
    view.setInt16(252, 1, le);
    [spec.qform.b, spec.qform.c, spec.qform.d, ...spec.qform.offset].forEach((q, i) => view.setFloat32(256 + 4 * i, q, le));
  }
  if (spec.sform) {
    view.setInt16(254, 2, le);
    spec.sform.flat().forEach((q, i) => view.setFloat32(280 + 4 * i, q, le));
  }
  [...(spec.magic ?? 'n+1\0')].forEach((c, i) => view.setUint8(344 + i, c.charCodeAt(0)));
  for (let n = 0; n < count && 352 + (n + 1) * size <= bytes.length; n += 1) {
    const v = spec.values?.(n) ?? n;
    const o = 352 + n * size;
    if (datatype === 4) view.setInt16(o, v, le);
    else if (datatype === 16) view.setFloat32(o, v, le);
    else if (datatype === 2) view.setUint8(o, v);
    else if (datatype === 64) view.setFloat64(o, v, le);
  }
  return bytes;
}

describe('readNifti', () => {
  it('reads a gzipped little-endian int16 volume, i fastest, with the pixdim mapping', () => {
    const volume = readNifti(gzipSync(niftiBytes({ dims: [2, 3, 4], pixdim: [1, 0.5, 2, 3] })));
    expect(volume.dims).toEqual([2, 3, 4]);
    expect(volume.spacingMm).toEqual([0.5, 2, 3]);
    expect(volume.mapping).toBe('pixdim');
    expect(valueAt(volume, 1, 2, 3)).toBe(1 + 2 * (2 + 3 * 3));
    expect(voxelToLps(volume, 1, 1, 1)).toEqual([-0.5, -2, 3]);
    expect(valueAt(volume, 2, 0, 0)).toBeNaN();
  });

  it('reads a big-endian float32 volume and applies scl_slope and scl_inter', () => {
    const volume = readNifti(niftiBytes({ dims: [2, 2, 2], datatype: 16, littleEndian: false, slope: 2, intercept: -1024, values: (n) => n + 0.5 }));
    expect(valueAt(volume, 1, 1, 1)).toBe(2 * 7.5 - 1024);
    expect([volume.slope, volume.intercept]).toEqual([2, -1024]);
  });

  it('ignores scl_inter when scl_slope is 0 (unscaled), and reads uint8 and float64', () => {
    expect(readNifti(niftiBytes({ dims: [1, 1, 2], datatype: 2, intercept: 5 })).intercept).toBe(0);
    expect(valueAt(readNifti(niftiBytes({ dims: [1, 1, 2], datatype: 64, values: () => 1.25 })), 0, 0, 1)).toBe(1.25);
  });

  it('maps voxels with the quaternion qform (180° about z, as VerSe CTs) and prefers the sform when both are set', () => {
    const qform = { b: 0, c: 0, d: 1, offset: [10, 20, 30] as [number, number, number] };
    const q = readNifti(niftiBytes({ dims: [2, 2, 2], pixdim: [1, 3, 1, 1], qform }));
    expect(q.mapping).toBe('qform');
    expect(voxelToLps(q, 1, 1, 1)).toEqual([-(10 - 3), -(20 - 1), 31]);
    const flipped = readNifti(niftiBytes({ dims: [2, 2, 2], pixdim: [-1, 1, 1, 1], qform: { b: 0, c: 0, d: 0, offset: [0, 0, 0] } }));
    expect(voxelToLps(flipped, 0, 0, 1)[2]).toBe(-1);
    const s = readNifti(niftiBytes({ dims: [2, 2, 2], qform, sform: [[-3, 0, 0, 1], [0, -1, 0, 2], [0, 0, 1, 3]] }));
    expect(s.mapping).toBe('sform');
    expect(voxelToLps(s, 1, 1, 1)).toEqual([2, -1, 4]);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['a short file', new Uint8Array(100), /too short \(100 bytes\)/],
    ['a file that is not NIfTI', niftiBytes({ dims: [1, 1, 1] }).map((b, i) => (i < 4 ? 0 : b)), /not a NIfTI-1 file/],
    ['a two-file (.hdr/.img) header', niftiBytes({ dims: [1, 1, 1], magic: 'ni1\0' }), /not a single-file NIfTI-1 image \(magic "ni1"\)/],
    ['a 2-D image', niftiBytes({ dims: [1, 1, 1], rank: 2 }), /2 dimensions/],
    ['a time series', niftiBytes({ dims: [1, 1, 1], rank: 4, dim4: 3 }), /more than one volume \(dim\[4\] = 3\)/],
    ['an empty dimension', niftiBytes({ dims: [0, 1, 1] }), /empty dimension \(0 × 1 × 1\)/],
    ['an RGB datatype', niftiBytes({ dims: [1, 1, 1], datatype: 128 }), /datatype 128/],
    ['truncated voxels', niftiBytes({ dims: [4, 4, 4], truncateBy: 10 }), /truncated: 64 voxels of 2 bytes need 480 bytes, it has 470/],
  ])('throws a plain message on %s', (_case, bytes, message) => {
    expect(() => readNifti(bytes, 'test.nii')).toThrow(message);
  });
});

describe('maskLandmarks', () => {
  // A 5 × 60 × 60 mask (1 mm, i = left–right): label 7 is a 30 mm deep, 20 mm high box on slices 1–3, and a separate
  // "posterior element" behind it; the box is 2 mm lower at j = 20–21, in its central third but off the midpoint (a depressed endplate).
  const values = (n: number): number => {
    const i = n % 5;
    const j = Math.floor(n / 5) % 60;
    const k = Math.floor(n / 300);
    if (i < 1 || i > 3) return 0;
    if (j >= 10 && j < 40 && k >= 20 && k < 40) return j >= 20 && j < 22 && k >= 38 ? 0 : 7;
    if (j >= 45 && j < 55 && k >= 25 && k < 35) return 7;
    return 0;
  };
  // Oriented as VerSe's sagittal CTs: RAS = (−i, −j, k), so LPS = (i, j, k) and j runs anterior → posterior.
  const mask = readNifti(niftiBytes({ dims: [5, 60, 60], values, sform: [[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0]] }));

  it('finds the mid-sagittal slice, the body in front, and heights from edge to edge', () => {
    const { points, slice, tiltDeg } = maskLandmarks(mask, 7);
    expect(slice).toBe(2);
    // The notch pulls the superior endplate's line fit down a little on its anterior side: under 1.5° of tilt.
    expect(Math.abs(tiltDeg)).toBeLessThan(1.5);
    const h = expectOk(heightsFromPoints(points));
    expect(h.anteriorMm).toBeCloseToMm(20, 0.06);
    expect(h.posteriorMm).toBeCloseToMm(20, 0.06);
    expect(h.middleMm).toBeCloseToMm(18, 0.06);
    expect(points.anteriorSuperior[0]).toBe(2);
    // 2 mm inside the anterior wall (pixel centres 10 … 39: walls at 10 and 39).
    expect(points.anteriorSuperior[1]).toBeCloseToMm(12, 0.3);
    expect(points.posteriorInferior[1]).toBeCloseToMm(37, 0.3);
    expect(points.anteriorInferior[2]).toBeCloseToMm(19.5, 0.3);
  });

  it('puts the middle points midway between the walls on request', () => {
    const h = expectOk(heightsFromPoints(maskLandmarks(mask, 7, { middle: 'midpoint', slice: 1 }).points));
    expect(h.middleMm).toBeCloseToMm(20, 0.06);
  });

  it('throws when the label is absent or the volume is oblique', () => {
    expect(() => maskLandmarks(mask, 8)).toThrow('Label 8 is not in the mask.');
    const oblique = { ...mask, voxelToRas: [[1, 1, 0, 0], [-1, 1, 0, 0], [0, 0, 1, 0]] as const };
    expect(() => maskLandmarks(oblique, 7)).toThrow(/oblique/);
  });
});
