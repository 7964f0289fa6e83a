import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePart10 } from '../bench/peer/part10';
import { startSession, type ViewerSession } from './session';
import { syntheticCtSlice } from './syntheticCtSlice';

/** A whole spine at thin slices: 1,000 axial slices (small matrix, so the test stays light on a CI machine). */
const SLICE_COUNT = 1000;
const MATRIX = 64;
const PIXEL_SPACING_MM = 4;
const SLICE_SPACING_MM = 0.7;

/** One axial CT slice: a disc of bone-like HU whose radius changes with the slice, on soft tissue. */
function sliceFile(index: number): Uint8Array {
  const words = new Int16Array(MATRIX * MATRIX);
  const radius = 8 + (index % 50) / 5;
  for (let row = 0; row < MATRIX; row++) {
    for (let column = 0; column < MATRIX; column++) {
      words[row * MATRIX + column] = Math.hypot(row - MATRIX / 2, column - MATRIX / 2) <= radius ? 700 : 40;
    }
  }
  const zMm = -index * SLICE_SPACING_MM;
  const origin = String(-((MATRIX - 1) / 2) * PIXEL_SPACING_MM);
  return encodePart10(
    {
      ...syntheticCtSlice({ key: 'e2e/large-series', patientName: 'LARGE^SERIES', patientId: 'LARGE-1000', studyDate: '20260101', rows: MATRIX, columns: MATRIX }, index),
      InstanceNumber: index + 1,
      ImagePositionPatient: [origin, origin, String(zMm)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      SliceThickness: String(SLICE_SPACING_MM),
      PixelSpacing: [String(PIXEL_SPACING_MM), String(PIXEL_SPACING_MM)],
      RescaleIntercept: '0',
    },
    { kind: 'native', words: new Uint16Array(words.buffer) },
  );
}

let session: ViewerSession;
let dir: string;
const paths: string[] = [];

describe('a series of 1,000 slices', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vh-large-series-'));
    for (let index = 0; index < SLICE_COUNT; index++) {
      const path = join(dir, `slice-${String(index).padStart(4, '0')}.dcm`);
      writeFileSync(path, sliceFile(index));
      paths.push(path);
    }
    session = await startSession();
  });

  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens as a volume with all its slices and shows a filled sagittal reformat', async () => {
    const { viewer } = session;
    await viewer.openFiles(paths);
    await viewer.waitLoaded('sagittal');
    await viewer.waitLoaded('axial');
    const sliceCount = await viewer.page.evaluate(() => window.vertebralViewer.getState().plan?.imageIds.length ?? 0);
    expect(sliceCount).toBe(SLICE_COUNT);
    expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.05);
    // HU 40 and 700 only: the volume's texture holds them as 16-bit floats (exact), half the GPU memory of 32-bit.
    const texels = await viewer.page.evaluate(() => {
      type Texture = { getTexels?: () => { texels: string; basis: string } };
      const cornerstone = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ vtkOpenGLTexture: Texture }> } };
      return cornerstone.cache.getVolumes()[0]?.vtkOpenGLTexture.getTexels?.() ?? null;
    });
    expect(texels).toEqual({ texels: 'half-float', basis: 'checked-per-slice' });
    expect(session.pageErrors).toEqual([]);
  });
});
