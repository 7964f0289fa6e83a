import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePart10 } from '../bench/peer/part10';
import type { PreviewServer } from './harness';
import { startServer, startSession, type ViewerSession } from './session';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * MONOCHROME1 (PS3.3 C.7.6.3.1.2: the lowest value is shown white) in the reformats and in a stack: a bright square
 * (stored 1000) on a background of 0, windowed 500 / 1000. Stored MONOCHROME2 the square is drawn white; stored
 * MONOCHROME1 it must be drawn black on white, in every view, after "invert" the other way round, and after "reset"
 * as it opened.
 */
const MATRIX = 64;
const SLICE_COUNT = 20;
const SLICE_SPACING_MM = 2;
const SQUARE = { from: 24, to: 40 } as const;
const SQUARE_SLICES = { from: 6, to: 14 } as const;
const SQUARE_VALUE = 1000;

type Kind = 'axial-m1' | 'axial-m2' | 'sagittal-m1';

function sliceFile(kind: Kind, k: number): Uint8Array {
  const words = new Int16Array(MATRIX * MATRIX);
  const inSlices = kind === 'sagittal-m1' || (k >= SQUARE_SLICES.from && k < SQUARE_SLICES.to);
  for (let row = SQUARE.from; row < SQUARE.to; row++) {
    for (let column = SQUARE.from; column < SQUARE.to; column++) if (inSlices) words[row * MATRIX + column] = SQUARE_VALUE;
  }
  const half = String(-((MATRIX - 1) / 2));
  const sagittal = kind === 'sagittal-m1';
  return encodePart10(
    {
      ...syntheticCtSlice({ key: `e2e/monochrome1/${kind}`, patientName: `MONO^${kind.toUpperCase()}`, patientId: `MONO-${kind}`, studyDate: '20260105', rows: MATRIX, columns: MATRIX }, k),
      PhotometricInterpretation: kind === 'axial-m2' ? 'MONOCHROME2' : 'MONOCHROME1',
      InstanceNumber: k + 1,
      ImagePositionPatient: sagittal ? [String(k * SLICE_SPACING_MM - 5), half, String((MATRIX - 1) / 2)] : [half, half, String(-k * SLICE_SPACING_MM)],
      ImageOrientationPatient: sagittal ? ['0', '1', '0', '0', '0', '-1'] : ['1', '0', '0', '0', '1', '0'],
      SliceThickness: String(SLICE_SPACING_MM),
      PixelSpacing: ['1', '1'],
      WindowCenter: '500',
      WindowWidth: '1000',
      RescaleIntercept: '0',
    },
    { kind: 'native', words: new Uint16Array(words.buffer) },
  );
}

let server: PreviewServer;
let dir: string;
const files: Record<Kind, string[]> = { 'axial-m1': [], 'axial-m2': [], 'sagittal-m1': [] };

/** The grey drawn (0–255) at a patient-space point of a view, and at a point of the background. */
async function greys(session: ViewerSession, orientation: string, square: [number, number, number], background: [number, number, number]): Promise<{ square: number; background: number }> {
  const viewer = session.viewer;
  return {
    square: await viewer.maxGreyNear(orientation, await viewer.pagePointOf(orientation, square), 1),
    background: await viewer.maxGreyNear(orientation, await viewer.pagePointOf(orientation, background), 1),
  };
}

async function overlayText(session: ViewerSession, orientation: string): Promise<string> {
  const viewportId = await session.page.locator(`[data-testid="viewport"][data-orientation="${orientation}"]`).getAttribute('data-viewport-id');
  return (await session.page.locator(`[data-testid="viewport-overlay"][data-viewport-id="${viewportId}"] [data-testid="window-label"]`).textContent()) ?? '';
}

/** Presses a shortcut with the pointer over a view and waits for the next render of every view. */
async function pressAndRender(session: ViewerSession, key: string): Promise<void> {
  await session.page.locator('[data-testid="viewport"]').first().hover();
  await session.page.keyboard.press(key);
  await session.page.waitForTimeout(500);
}

// The square's centre, and a background point, in patient mm.
const AXIAL_SQUARE: [number, number, number] = [0, 0, -20];
const AXIAL_BACKGROUND: [number, number, number] = [-22, -22, -20];
const SAGITTAL_SQUARE: [number, number, number] = [0, 0, -20];
const SAGITTAL_BACKGROUND: [number, number, number] = [0, -22, -4];

describe('MONOCHROME1', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vh-monochrome1-'));
    for (const kind of Object.keys(files) as Kind[]) {
      for (let k = 0; k < (kind === 'sagittal-m1' ? 5 : SLICE_COUNT); k++) {
        const path = join(dir, `${kind}-${String(k).padStart(3, '0')}.dcm`);
        writeFileSync(path, sliceFile(kind, k));
        files[kind].push(path);
      }
    }
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Bounds against hangs on a loaded machine, not timings.
  it('draws a MONOCHROME1 volume black-on-white in its reformats, inverts and resets it, as MONOCHROME2 is drawn white-on-black', { timeout: 300_000 }, async () => {
    for (const kind of ['axial-m2', 'axial-m1'] as const) {
      const session = await startSession({ server });
      try {
        await session.viewer.openFiles(files[kind]);
        for (const orientation of ['axial', 'sagittal']) await session.viewer.waitCompleteRender(orientation);
        const opened = {
          axial: await greys(session, 'axial', AXIAL_SQUARE, AXIAL_BACKGROUND),
          sagittal: await greys(session, 'sagittal', SAGITTAL_SQUARE, SAGITTAL_BACKGROUND),
        };
        const squareWhite = kind === 'axial-m2';
        for (const [orientation, grey] of Object.entries(opened)) {
          if (squareWhite) {
            expect(grey.square, `${kind} ${orientation} square`).toBeGreaterThan(200);
            expect(grey.background, `${kind} ${orientation} background`).toBeLessThan(50);
          } else {
            expect(grey.square, `${kind} ${orientation} square`).toBeLessThan(50);
            expect(grey.background, `${kind} ${orientation} background`).toBeGreaterThan(200);
          }
          expect(await overlayText(session, orientation), `${kind} ${orientation}`).not.toContain('inverted');
        }

        await pressAndRender(session, 'i');
        const inverted = await greys(session, 'sagittal', SAGITTAL_SQUARE, SAGITTAL_BACKGROUND);
        expect(inverted.square > inverted.background, `${kind} inverted`).toBe(!squareWhite);
        expect(await overlayText(session, 'sagittal')).toContain('inverted');

        await pressAndRender(session, 'r');
        const reset = await greys(session, 'sagittal', SAGITTAL_SQUARE, SAGITTAL_BACKGROUND);
        expect(reset.square > reset.background, `${kind} reset`).toBe(squareWhite);
        expect(await overlayText(session, 'sagittal')).not.toContain('inverted');
        expect(session.pageErrors).toEqual([]);
      } finally {
        await session.close();
      }
    }
  });

  it('opens a MONOCHROME1 stack black-on-white and resets it to that, not to the stored grey ramp', { timeout: 300_000 }, async () => {
    const session = await startSession({ server });
    try {
      await session.viewer.openFiles(files['sagittal-m1']);
      await session.viewer.waitLoaded('sagittal');
      const square: [number, number, number] = [-1, 0, 0];
      const background: [number, number, number] = [-1, -22, 22];
      const opened = await greys(session, 'sagittal', square, background);
      expect(opened.square).toBeLessThan(50);
      expect(opened.background).toBeGreaterThan(200);
      expect(await overlayText(session, 'sagittal')).not.toContain('inverted');

      await pressAndRender(session, 'i');
      const inverted = await greys(session, 'sagittal', square, background);
      expect(inverted.square).toBeGreaterThan(inverted.background);
      expect(await overlayText(session, 'sagittal')).toContain('inverted');

      await pressAndRender(session, 'r');
      const reset = await greys(session, 'sagittal', square, background);
      expect(reset.square).toBeLessThan(50);
      expect(reset.background).toBeGreaterThan(200);
      expect(await overlayText(session, 'sagittal')).not.toContain('inverted');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
