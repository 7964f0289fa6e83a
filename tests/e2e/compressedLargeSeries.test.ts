import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJpeglsLosslessCodec, JPEG_LS_LOSSLESS } from '../bench/peer/jpeglsLossless';
import { formatDs } from '../../sample-data/dicomWriter';
import { encodePart10 } from '../bench/peer/part10';
import type { PointName, Vec3 } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { syntheticCtSlice } from './syntheticCtSlice';
import { countFileReads, countWorkerFileReads, fileBytesRead } from './fileReads';
import type { Worker } from 'playwright-core';

/**
 * A whole spine at thin slices as a PACS sends it: 1,000 axial slices, JPEG-LS lossless (issue 16). The matrix is
 * small (128², 32 MB of voxels) so the test stays light on a CI machine; the frame count is the full one, so every
 * count the test holds (files read, frames decoded, slices in the volume) is that of a 1,000-slice 512² series.
 * bench:peer opens the 512² series (`--compressed-sizes 1000 --jpegls`).
 */
const SLICE_COUNT = 1000;
const MATRIX = 128;
const PIXEL_SPACING_MM = 2;
const SLICE_SPACING_MM = 0.7;
const ORIGIN_MM = -((MATRIX - 1) / 2) * PIXEL_SPACING_MM;

/** Vertebral bodies every 30 mm down the spine: 24 mm of bone, then 6 mm of disc; a disc of 20 mm radius in each axial slice. */
const VERTEBRA = { periodMm: 30, bodyHeightMm: 24, centreYMm: -10, radiusMm: 20 } as const;
const HU = { air: -1000, softTissue: 40, bone: 700, disc: 90 } as const;
const TRUNK_SEMI_AXES_MM = [110, 90] as const;
/** Noise amplitude, HU: JPEG-LS then codes real residuals, not runs of one value. */
const NOISE_HU = 20;

const zOfSliceMm = (index: number): number => -index * SLICE_SPACING_MM;

/** Deterministic noise in ±NOISE_HU for a voxel (an integer hash of its indices). */
function noiseHu(index: number, row: number, column: number): number {
  let h = Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(row + 1, 0x85ebca6b) ^ Math.imul(column + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return ((h >>> 0) % (2 * NOISE_HU + 1)) - NOISE_HU;
}

/** The HU the series holds at a voxel: what the page's volume must hold, bit for bit. */
function huAt(index: number, row: number, column: number): number {
  const xMm = ORIGIN_MM + column * PIXEL_SPACING_MM;
  const yMm = ORIGIN_MM + row * PIXEL_SPACING_MM;
  const ex = xMm / TRUNK_SEMI_AXES_MM[0];
  const ey = yMm / TRUNK_SEMI_AXES_MM[1];
  if (ex * ex + ey * ey > 1) return HU.air;
  const phaseMm = (-zOfSliceMm(index)) % VERTEBRA.periodMm;
  const inColumn = Math.hypot(xMm, yMm - VERTEBRA.centreYMm) <= VERTEBRA.radiusMm;
  const base = !inColumn ? HU.softTissue : phaseMm < VERTEBRA.bodyHeightMm ? HU.bone : HU.disc;
  return base + noiseHu(index, row, column);
}

function sliceFile(index: number, codec: Awaited<ReturnType<typeof createJpeglsLosslessCodec>>): Uint8Array {
  const hu = new Int16Array(MATRIX * MATRIX);
  for (let row = 0; row < MATRIX; row++) {
    for (let column = 0; column < MATRIX; column++) hu[row * MATRIX + column] = huAt(index, row, column);
  }
  const codestream = codec.encode(hu, MATRIX, MATRIX);
  const decoded = codec.decode(codestream);
  const original = new Uint8Array(hu.buffer);
  if (decoded.length !== original.length || decoded.some((byte, i) => byte !== original[i])) throw new Error(`slice ${index}: the JPEG-LS round trip in node is not bit-exact`);
  const origin = formatDs(ORIGIN_MM);
  return encodePart10(
    {
      ...syntheticCtSlice({ key: 'e2e/compressed-large-series', patientName: 'LARGE^JPEGLS', patientId: 'LARGE-JLS-1000', studyDate: '20260101', rows: MATRIX, columns: MATRIX }, index),
      InstanceNumber: index + 1,
      ImagePositionPatient: [origin, origin, formatDs(zOfSliceMm(index))],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      SliceThickness: formatDs(SLICE_SPACING_MM),
      PixelSpacing: [formatDs(PIXEL_SPACING_MM), formatDs(PIXEL_SPACING_MM)],
      RescaleIntercept: '0',
      WindowCenter: '300',
      WindowWidth: '1500',
    },
    { kind: 'encapsulated', transferSyntaxUID: JPEG_LS_LOSSLESS, frame: codestream },
  );
}

/** The six points of the body `n` vertebrae below the top slice, in the sagittal plane x = 0 (world mm). */
function bodyPoints(n: number): Record<PointName, Vec3> {
  const superiorZ = -n * VERTEBRA.periodMm;
  const inferiorZ = superiorZ - VERTEBRA.bodyHeightMm;
  // Patient y grows posterior (HFS axial slices): the anterior wall is the smaller y.
  const anteriorY = VERTEBRA.centreYMm - VERTEBRA.radiusMm;
  const posteriorY = VERTEBRA.centreYMm + VERTEBRA.radiusMm;
  return {
    anteriorSuperior: [0, anteriorY, superiorZ],
    anteriorInferior: [0, anteriorY, inferiorZ],
    middleSuperior: [0, VERTEBRA.centreYMm, superiorZ],
    middleInferior: [0, VERTEBRA.centreYMm, inferiorZ],
    posteriorSuperior: [0, posteriorY, superiorZ],
    posteriorInferior: [0, posteriorY, inferiorZ],
  };
}

let session: ViewerSession;
/** The file read worker, counting what it reads. */
let reader: Worker;
let dir: string;
const paths: string[] = [];

describe('a JPEG-LS lossless series of 1,000 slices opened from local files', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vh-jpegls-series-'));
    const codec = await createJpeglsLosslessCodec();
    for (let index = 0; index < SLICE_COUNT; index++) {
      const path = join(dir, `slice-${String(index).padStart(4, '0')}.dcm`);
      writeFileSync(path, sliceFile(index, codec));
      paths.push(path);
    }
    session = await startSession({ initScript: countFileReads });
    const { page } = session.viewer;
    // Every frame the decode workers are handed, counted in the page from before the files are chosen.
    await page.waitForFunction(() => (window as { cornerstone?: unknown }).cornerstone !== undefined);
    reader = await countWorkerFileReads(page);
    await page.evaluate(() => {
      type Manager = { executeTask: (worker: string, method: string, ...rest: unknown[]) => Promise<unknown> };
      const manager = (window.cornerstone as unknown as { getWebWorkerManager(): Manager }).getWebWorkerManager();
      const execute = manager.executeTask.bind(manager);
      const counter = { decodeTasks: 0 };
      (window as unknown as { __decodeCounter: typeof counter }).__decodeCounter = counter;
      manager.executeTask = (worker, method, ...rest) => {
        if (method === 'decodeTask') counter.decodeTasks++;
        return execute(worker, method, ...rest);
      };
    });
    await session.viewer.openFiles(paths);
    await session.viewer.waitLoaded('sagittal');
    await session.viewer.waitLoaded('axial');
  });

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads each file once and decodes each frame once, the series thumbnail included', async () => {
    const { viewer } = session;
    // The thumbnail shows the middle image, which the volume has decoded: drawn from the cache, not decoded again.
    await viewer.showStudyBrowser();
    await viewer.page.locator('[data-testid="series-thumbnail"][data-state="rendered"]').waitFor({ timeout: 30_000 });
    const decodeTasks = await viewer.page.evaluate(() => (window as unknown as { __decodeCounter: { decodeTasks: number } }).__decodeCounter.decodeTasks);
    const bytesRead = (await fileBytesRead(session.viewer.page, reader)).total;
    const misread = paths
      .map((path) => ({ file: basename(path), bytes: statSync(path).size, read: bytesRead[basename(path)] ?? 0 }))
      .filter(({ bytes, read }) => read !== bytes);
    expect(misread.slice(0, 5)).toEqual([]);
    expect(Object.keys(bytesRead)).toHaveLength(SLICE_COUNT);
    expect(decodeTasks).toBe(SLICE_COUNT);
  });

  it('holds every slice in the volume with its voxels bit-exact', async () => {
    // Three voxels of every slice (bone or disc, soft tissue, air): 3,000 voxels the page must hold as written.
    const samples = [
      { row: Math.round((VERTEBRA.centreYMm - ORIGIN_MM) / PIXEL_SPACING_MM), column: MATRIX / 2 },
      { row: MATRIX / 2 - 30, column: MATRIX / 2 + 20 },
      { row: 3, column: 3 },
    ];
    const wanted = Array.from({ length: SLICE_COUNT }, (_, index) => samples.map(({ row, column }) => ({
      world: [ORIGIN_MM + column * PIXEL_SPACING_MM, ORIGIN_MM + row * PIXEL_SPACING_MM, zOfSliceMm(index)] as Vec3,
      hu: huAt(index, row, column),
    }))).flat();
    const held = await session.viewer.page.evaluate((points) => {
      type Volume = { imageData: unknown; voxelManager: { getAtIJK(i: number, j: number, k: number): number }; imageIds: string[] };
      const cornerstone = window.cornerstone as unknown as {
        cache: { getVolumes(): Volume[] };
        utilities: { transformWorldToIndex(imageData: unknown, world: number[]): number[] };
      };
      const volume = cornerstone.cache.getVolumes()[0];
      if (volume === undefined) return null;
      const toIndex = cornerstone.utilities.transformWorldToIndex;
      return points.map((world) => {
        const [i = 0, j = 0, k = 0] = toIndex(volume.imageData, world);
        return volume.voxelManager.getAtIJK(i, j, k);
      });
    }, wanted.map((w) => w.world));
    expect(held).not.toBeNull();
    const wrong = wanted.map((w, i) => ({ ...w, held: held?.[i] })).filter((w) => w.held !== w.hu);
    expect(wrong.slice(0, 5)).toEqual([]);
    const sliceCount = await session.viewer.page.evaluate(() => window.vertebralViewer.getState().plan?.imageIds.length ?? 0);
    expect(sliceCount).toBe(SLICE_COUNT);
  });

  it('shows the sagittal reformat filled from the first slice to the last', async () => {
    // The lit fraction of each fifth of the sagittal view, top to bottom: the trunk spans the whole series, so a
    // band without slices would stay black.
    const bands = await session.viewer.page.evaluate(() => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const top = viewport.worldToCanvas([0, 0, 0]);
      const bottom = viewport.worldToCanvas([0, 0, -(1000 - 1) * 0.7]);
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const ctx = canvas.getContext('2d')!;
      const fractions: number[] = [];
      for (let band = 0; band < 5; band++) {
        const y0 = Math.round((top[1] + ((bottom[1] - top[1]) * band) / 5) * scale);
        const y1 = Math.round((top[1] + ((bottom[1] - top[1]) * (band + 1)) / 5) * scale);
        const data = ctx.getImageData(0, Math.min(y0, y1), canvas.width, Math.max(1, Math.abs(y1 - y0))).data;
        let lit = 0;
        for (let p = 0; p < data.length; p += 4) if ((data[p] ?? 0) + (data[p + 1] ?? 0) + (data[p + 2] ?? 0) > 30) lit++;
        fractions.push(lit / (data.length / 4));
      }
      return fractions;
    });
    for (const [band, fraction] of bands.entries()) expect(fraction, `band ${band} of 5`).toBeGreaterThan(0.05);
    expect(session.pageErrors).toEqual([]);
  });

  it('measures a vertebra on the sagittal reformat', async () => {
    const { viewer } = session;
    await viewer.page.locator('[data-testid="tool-vertebral-height"]').click();
    await viewer.placeVertebra('sagittal', 'L1', bodyPoints(12));
    for (const field of ['anteriorMm', 'middleMm', 'posteriorMm']) {
      expect(Math.abs((await viewer.numberField('L1', field)) - VERTEBRA.bodyHeightMm), field).toBeLessThan(0.5);
    }
    expect(session.pageErrors).toEqual([]);
  });
});
