import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePart10 } from '../bench/peer/part10';
import { ViewerPage } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { syntheticCtSlice } from './syntheticCtSlice';

/** A whole spine at thin slices: 1,000 axial slices (small matrix, so the test stays light on a CI machine). */
const SLICE_COUNT = 1000;
const MATRIX = 64;
const PIXEL_SPACING_MM = 4;
const SLICE_SPACING_MM = 0.7;

/** Bone-like and soft-tissue values of the slices, HU. */
const BONE_HU = 700;
const SOFT_TISSUE_HU = 40;

/** Radius of the bone disc in slice `index`, pixels: 8 to 17.8, repeating every 50 slices (35 mm). */
const discRadiusPx = (index: number): number => 8 + (index % 50) / 5;

/** The disc's axis (row and column MATRIX / 2) in patient space, mm (the first pixel's centre is the origin). */
const AXIS_MM = -((MATRIX - 1) / 2) * PIXEL_SPACING_MM + (MATRIX / 2) * PIXEL_SPACING_MM;

/** One axial CT slice: a disc of bone-like HU whose radius changes with the slice, on soft tissue. */
function sliceFile(index: number): Uint8Array {
  const words = new Int16Array(MATRIX * MATRIX);
  const radius = discRadiusPx(index);
  for (let row = 0; row < MATRIX; row++) {
    for (let column = 0; column < MATRIX; column++) {
      words[row * MATRIX + column] = Math.hypot(row - MATRIX / 2, column - MATRIX / 2) <= radius ? BONE_HU : SOFT_TISSUE_HU;
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

/**
 * Points of the mid-sagittal plane and whether the volume holds bone there, from slice 5 to slice 995 (the whole
 * 700 mm): on the disc's axis every slice is bone; 12 pixels (48 mm) off the axis, a slice is bone where its disc's
 * radius is 15 pixels (index % 50 = 35) and soft tissue where it is 9.6 (index % 50 = 8), 3 pixels from the disc's edge
 * either way, so the texture's linear interpolation cannot blur one into the other.
 */
const SAGITTAL_PROBES: ReadonlyArray<{ slice: number; offAxisPx: number; bone: boolean }> = [
  ...[5, 250, 500, 750, 995].map((slice) => ({ slice, offAxisPx: 0, bone: true })),
  ...[35, 285, 535, 785, 985].map((slice) => ({ slice, offAxisPx: 12, bone: true })),
  ...[8, 258, 508, 758, 958].map((slice) => ({ slice, offAxisPx: 12, bone: false })),
];

/** Grey values (0–255) the sagittal view shows at the probes, split by what the volume holds there. */
async function sagittalGreys(viewer: ViewerPage): Promise<{ bone: number[]; softTissue: number[] }> {
  const bone: number[] = [];
  const softTissue: number[] = [];
  for (const probe of SAGITTAL_PROBES) {
    expect(discRadiusPx(probe.slice) >= probe.offAxisPx + 3 || discRadiusPx(probe.slice) <= probe.offAxisPx - 2).toBe(true);
    expect(discRadiusPx(probe.slice) >= probe.offAxisPx).toBe(probe.bone);
    const point = await viewer.pagePointOf('sagittal', [AXIS_MM, AXIS_MM + probe.offAxisPx * PIXEL_SPACING_MM, -probe.slice * SLICE_SPACING_MM]);
    (probe.bone ? bone : softTissue).push(await viewer.maxGreyNear('sagittal', point, 1));
  }
  return { bone, softTissue };
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
    // Every image in (data-loaded) comes before the render that uploads the last slices: until that render the view
    // shows the last streaming render, on a loaded machine the first image's 13 slices (0.005 of the view lit).
    await viewer.waitCompleteRender('sagittal');
    expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.05);
    const greys = await sagittalGreys(viewer);
    expect(Math.min(...greys.bone)).toBeGreaterThan(Math.max(...greys.softTissue) + 100);
    // HU 40 and 700 only: the volume's texture holds them as 16-bit floats (exact), half the GPU memory of 32-bit.
    const texels = await viewer.page.evaluate(() => {
      type Texture = { getTexels?: () => { texels: string; basis: string } };
      const cornerstone = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ vtkOpenGLTexture: Texture }> } };
      return cornerstone.cache.getVolumes()[0]?.vtkOpenGLTexture.getTexels?.() ?? null;
    });
    expect(texels).toEqual({ texels: 'half-float', basis: 'checked-per-slice' });
    expect(session.pageErrors).toEqual([]);
  });

  it('reports the complete render only once every slice is drawn, however late that render comes', async () => {
    // The page's animation frames, in which cornerstone draws, are held from the sagittal view's first render on: the
    // slices keep arriving and the progress reaches 100 % while the view keeps that first render, as on a machine at
    // load 30, where the render after the last slice came up to 0.9 s after `data-loaded`.
    const tab = await session.openTab({
      initScript: () => {
        const queued: FrameRequestCallback[] = [];
        const request = window.requestAnimationFrame.bind(window);
        let held = false;
        const frames = {
          hold: () => {
            held = true;
          },
          release: () => {
            held = false;
            for (const callback of queued.splice(0)) request(callback);
          },
          queued: () => queued.length,
        };
        Reflect.set(window, 'heldFrames', frames);
        window.requestAnimationFrame = (callback) => {
          if (!held) return request(callback);
          queued.push(callback);
          return 0;
        };
      },
    });
    try {
      const { viewer, page } = tab;
      await page.evaluate((selector) => {
        const frames = Reflect.get(window, 'heldFrames') as { hold: () => void };
        new MutationObserver((_, observer) => {
          if (!document.querySelector(`${selector}[data-rendered="true"]`)) return;
          frames.hold();
          observer.disconnect();
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-rendered'] });
      }, ViewerPage.selector('sagittal'));
      await viewer.openFiles(paths);
      await viewer.waitLoaded('sagittal');
      // Polled on a timer: the page's animation frames are held.
      await page.waitForFunction(() => {
        const cornerstone = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ loadStatus?: { loaded?: boolean } }> } };
        const volume = cornerstone.cache.getVolumes()[0];
        return volume?.loadStatus?.loaded === true;
      }, undefined, { polling: 100, timeout: 120_000 });
      const whileHeld = await page.evaluate(() => {
        const cornerstone = window.cornerstone as unknown as { cache: { getVolumes(): Array<{ vtkOpenGLTexture: { hasUpdatedFrames(): boolean } }> } };
        const volume = cornerstone.cache.getVolumes()[0];
        const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLElement;
        return {
          slicesWaitingForUpload: volume?.vtkOpenGLTexture.hasUpdatedFrames(),
          loaded: element.dataset.loaded,
          completeRender: element.dataset.completeRender,
          framesHeld: (Reflect.get(window, 'heldFrames') as { queued: () => number }).queued() > 0,
        };
      });
      expect(whileHeld).toEqual({ slicesWaitingForUpload: true, loaded: 'true', completeRender: undefined, framesHeld: true });
      // What the first test read before it waited for the complete render (0.005 of the view lit at load 30: the
      // first image's 13 slices of 1,000, drawn and then kept, as here).
      expect(await viewer.nonBlackFraction('sagittal')).toBeLessThan(0.05);
      await page.evaluate(() => (Reflect.get(window, 'heldFrames') as { release: () => void }).release());
      await viewer.waitCompleteRender('sagittal');
      expect(await viewer.nonBlackFraction('sagittal')).toBeGreaterThan(0.05);
      const greys = await sagittalGreys(viewer);
      expect(Math.min(...greys.bone)).toBeGreaterThan(Math.max(...greys.softTissue) + 100);
      expect(tab.pageErrors).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
