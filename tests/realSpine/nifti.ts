import { gunzipSync } from 'node:zlib';

/**
 * A small NIfTI-1 reader for tests and benchmarks: single-file `.nii` or `.nii.gz`, either byte order, the common
 * integer and float voxel types, and the voxel → patient mapping (sform, else qform, else pixdim), following the
 * NIfTI-1 header definition (nifti1.h, NIfTI Data Format Working Group, 2004). Throws an Error with a plain message on
 * anything it cannot read: it runs in tests only, never in the app.
 */

/** Voxel values as stored (before scl_slope/scl_inter). */
export type NiftiVoxels = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A 4 × 4 row-major matrix mapping voxel indices (i, j, k, 1) to patient coordinates, mm. */
export type Affine = readonly [
  readonly [number, number, number, number],
  readonly [number, number, number, number],
  readonly [number, number, number, number],
];

/** One NIfTI-1 volume: its grid, its voxels (i fastest, then j, then k) and where they are. */
export interface NiftiVolume {
  /** Voxels along i, j, k. */
  readonly dims: readonly [number, number, number];
  /** Voxel size along i, j, k, mm (pixdim[1..3]). */
  readonly spacingMm: readonly [number, number, number];
  /** NIfTI datatype code (4 = int16, 16 = float32, …). */
  readonly datatype: number;
  readonly voxels: NiftiVoxels;
  /** scl_slope and scl_inter; value = slope · stored + inter (slope 1, inter 0 when the header says 0 or NaN). */
  readonly slope: number;
  readonly intercept: number;
  /** Voxel (i, j, k) → NIfTI world coordinates, RAS+ (x towards the patient's right, y anterior, z superior), mm. */
  readonly voxelToRas: Affine;
  /** Where the mapping came from. */
  readonly mapping: 'sform' | 'qform' | 'pixdim';
}

const HEADER_SIZE = 348;

const VOXEL_TYPES: Readonly<Record<number, { bytes: number; make: (buffer: ArrayBuffer) => NiftiVoxels; get: (v: DataView, o: number, le: boolean) => number }>> = {
  2: { bytes: 1, make: (b) => new Uint8Array(b), get: (v, o) => v.getUint8(o) },
  4: { bytes: 2, make: (b) => new Int16Array(b), get: (v, o, le) => v.getInt16(o, le) },
  8: { bytes: 4, make: (b) => new Int32Array(b), get: (v, o, le) => v.getInt32(o, le) },
  16: { bytes: 4, make: (b) => new Float32Array(b), get: (v, o, le) => v.getFloat32(o, le) },
  64: { bytes: 8, make: (b) => new Float64Array(b), get: (v, o, le) => v.getFloat64(o, le) },
  256: { bytes: 1, make: (b) => new Int8Array(b), get: (v, o) => v.getInt8(o) },
  512: { bytes: 2, make: (b) => new Uint16Array(b), get: (v, o, le) => v.getUint16(o, le) },
  768: { bytes: 4, make: (b) => new Uint32Array(b), get: (v, o, le) => v.getUint32(o, le) },
};

/** Reads a `.nii` or `.nii.gz` file's bytes. */
export function readNifti(fileBytes: Uint8Array, name = 'the file'): NiftiVolume {
  const bytes = fileBytes[0] === 0x1f && fileBytes[1] === 0x8b ? new Uint8Array(gunzipSync(fileBytes)) : fileBytes;
  if (bytes.length < HEADER_SIZE + 4) throw new Error(`${name} is too short (${bytes.length} bytes) to be a NIfTI-1 file.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le = true;
  if (view.getInt32(0, true) !== HEADER_SIZE) {
    if (view.getInt32(0, false) !== HEADER_SIZE) throw new Error(`${name} is not a NIfTI-1 file (sizeof_hdr is not 348).`);
    le = false;
  }
  const magic = String.fromCharCode(...bytes.subarray(344, 347));
  if (magic !== 'n+1') throw new Error(`${name} is not a single-file NIfTI-1 image (magic "${magic}").`);

  const int16 = (offset: number) => view.getInt16(offset, le);
  const float32 = (offset: number) => view.getFloat32(offset, le);
  const rank = int16(40);
  if (rank < 3 || rank > 7) throw new Error(`${name} has ${rank} dimensions; a 3-D volume is needed.`);
  const dims = [int16(42), int16(44), int16(46)] as const;
  for (let d = 4; d <= rank; d += 1) {
    if (int16(40 + 2 * d) > 1) throw new Error(`${name} has more than one volume (dim[${d}] = ${int16(40 + 2 * d)}).`);
  }
  if (dims.some((n) => n < 1)) throw new Error(`${name} has an empty dimension (${dims.join(' × ')}).`);
  const datatype = int16(70);
  const type = VOXEL_TYPES[datatype];
  if (type === undefined) throw new Error(`${name} stores voxels as NIfTI datatype ${datatype}, which this reader does not handle.`);
  const pixdim = Array.from({ length: 8 }, (_, d) => float32(76 + 4 * d));
  const spacingMm = [pixdim[1] ?? 0, pixdim[2] ?? 0, pixdim[3] ?? 0] as const;
  const voxOffset = Math.max(352, Math.round(float32(108)));
  const count = dims[0] * dims[1] * dims[2];
  if (bytes.length < voxOffset + count * type.bytes) {
    throw new Error(`${name} is truncated: ${count} voxels of ${type.bytes} bytes need ${voxOffset + count * type.bytes} bytes, it has ${bytes.length}.`);
  }
  const buffer = new ArrayBuffer(count * type.bytes);
  const voxels = type.make(buffer);
  for (let n = 0; n < count; n += 1) voxels[n] = type.get(view, voxOffset + n * type.bytes, le);

  // nifti1.h: scl_slope = 0 means the values are not scaled.
  const rawSlope = float32(112);
  const rawIntercept = float32(116);
  const scaled = Number.isFinite(rawSlope) && rawSlope !== 0;
  const slope = scaled ? rawSlope : 1;
  const intercept = scaled && Number.isFinite(rawIntercept) ? rawIntercept : 0;

  const qformCode = int16(252);
  const sformCode = int16(254);
  let voxelToRas: Affine;
  let mapping: NiftiVolume['mapping'];
  if (sformCode > 0) {
    const row = (offset: number) => [float32(offset), float32(offset + 4), float32(offset + 8), float32(offset + 12)] as const;
    voxelToRas = [row(280), row(296), row(312)];
    mapping = 'sform';
  } else if (qformCode > 0) {
    const [b, c, d] = [float32(256), float32(260), float32(264)];
    const a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
    const qfac = (pixdim[0] ?? 1) < 0 ? -1 : 1;
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
      [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
    ];
    const scale = [spacingMm[0], spacingMm[1], qfac * spacingMm[2]];
    const offsets = [float32(268), float32(272), float32(276)];
    const row = (i: 0 | 1 | 2) =>
      [r[i]![0]! * scale[0]!, r[i]![1]! * scale[1]!, r[i]![2]! * scale[2]!, offsets[i]!] as const;
    voxelToRas = [row(0), row(1), row(2)];
    mapping = 'qform';
  } else {
    voxelToRas = [
      [spacingMm[0], 0, 0, 0],
      [0, spacingMm[1], 0, 0],
      [0, 0, spacingMm[2], 0],
    ];
    mapping = 'pixdim';
  }
  return { dims, spacingMm, datatype, voxels, slope, intercept, voxelToRas, mapping };
}

/** Linear index of voxel (i, j, k) in NiftiVolume.voxels. */
export function voxelIndex(volume: NiftiVolume, i: number, j: number, k: number): number {
  return i + volume.dims[0] * (j + volume.dims[1] * k);
}

/** The scaled value of voxel (i, j, k) (e.g. Hounsfield units); NaN outside the grid. */
export function valueAt(volume: NiftiVolume, i: number, j: number, k: number): number {
  const [ni, nj, nk] = volume.dims;
  if (i < 0 || j < 0 || k < 0 || i >= ni || j >= nj || k >= nk) return Number.NaN;
  return volume.slope * (volume.voxels[voxelIndex(volume, i, j, k)] ?? Number.NaN) + volume.intercept;
}

/** Voxel (i, j, k), fractional allowed, → DICOM patient coordinates (LPS), mm: the NIfTI RAS+ point with x and y negated. */
export function voxelToLps(volume: NiftiVolume, i: number, j: number, k: number): readonly [number, number, number] {
  const [rx, ry, rz] = volume.voxelToRas.map((row) => row[0] * i + row[1] * j + row[2] * k + row[3]);
  return [-(rx ?? 0), -(ry ?? 0), rz ?? 0];
}
