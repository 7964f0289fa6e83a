import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePart10 } from '../bench/peer/part10';
import { startServer, startSession, type ViewerSession } from './session';
import type { PreviewServer } from './harness';
import { syntheticCtSlice } from './syntheticCtSlice';

/**
 * The volume's 3-D texture (viewer/cornerstone/compactVolumeTexture.ts): 16-bit float texels (R16F) for a volume whose
 * values are integers within ±2048, drawn exactly as cornerstone's 32-bit texture (R32F) draws them; and the 32-bit
 * texture, every slice sent again, as soon as one slice holds a value beyond ±2048.
 */
const SLICE_COUNT = 40;
const MATRIX = 96;
const PIXEL_SPACING_MM = 0.8;
/** Thick slices: the sagittal view interpolates between texels along the slices as well as within them. */
const SLICE_SPACING_MM = 2.5;
/** The slice and voxel that hold a metal-like value in the second series. */
const METAL_SLICE = 29;
const METAL_HU = 3000;

const GL = { R16F: 0x822d, R32F: 0x822e, HALF_FLOAT: 0x140b, FLOAT: 0x1406 } as const;

/** HU of voxel (column, row) of slice k: a smooth field over −2048 … 2048 with a fine ripple (every value kind in use). */
function valueHu(k: number, column: number, row: number): number {
  const smooth = 1400 * Math.sin(column / 13 + k / 7) * Math.cos(row / 17 - k / 11);
  const ripple = ((column * 31 + row * 17 + k * 7) % 41) - 20;
  return Math.max(-2048, Math.min(2048, Math.round(smooth + ripple + (row < 4 ? 2048 : 0) - (row > MATRIX - 5 ? 2048 : 0))));
}

function sliceFile(series: 'exact' | 'metal', k: number): Uint8Array {
  const words = new Int16Array(MATRIX * MATRIX);
  for (let row = 0; row < MATRIX; row++) for (let column = 0; column < MATRIX; column++) words[row * MATRIX + column] = valueHu(k, column, row);
  if (series === 'metal' && k === METAL_SLICE) words[(MATRIX / 2) * MATRIX + MATRIX / 2] = METAL_HU;
  const origin = String(-((MATRIX - 1) / 2) * PIXEL_SPACING_MM);
  return encodePart10(
    {
      ...syntheticCtSlice({ key: `e2e/volume-texels/${series}`, patientName: `TEXELS^${series.toUpperCase()}`, patientId: `TEXELS-${series}`, studyDate: '20260103', rows: MATRIX, columns: MATRIX }, k),
      InstanceNumber: k + 1,
      ImagePositionPatient: [origin, origin, String(-k * SLICE_SPACING_MM)],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      SliceThickness: String(SLICE_SPACING_MM),
      PixelSpacing: [String(PIXEL_SPACING_MM), String(PIXEL_SPACING_MM)],
      // A narrow window: a texel off by one HU would change the grey of many pixels.
      WindowCenter: '40',
      WindowWidth: '400',
      RescaleIntercept: '0',
    },
    { kind: 'native', words: new Uint16Array(words.buffer) },
  );
}

/** What the page handed WebGL for 3-D textures: each texStorage3D's internal format, each slice upload's type and z. */
interface TextureCalls {
  storages: number[];
  uploads: Array<{ z: number; type: number }>;
}

function recordTextureCalls(): void {
  const proto = typeof WebGL2RenderingContext === 'undefined' ? null : WebGL2RenderingContext.prototype;
  if (!proto) return;
  const calls: TextureCalls = { storages: [], uploads: [] };
  (window as unknown as { __textureCalls: TextureCalls }).__textureCalls = calls;
  const texStorage3D = proto.texStorage3D;
  proto.texStorage3D = function (this: WebGL2RenderingContext, ...args: Parameters<WebGL2RenderingContext['texStorage3D']>) {
    calls.storages.push(args[2]);
    return texStorage3D.apply(this, args);
  };
  const texSubImage3D = proto.texSubImage3D;
  proto.texSubImage3D = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    // (target, level, x, y, z, width, height, depth, format, type, data): slice uploads have depth 1 and data.
    if (args[7] === 1 && ArrayBuffer.isView(args[10])) calls.uploads.push({ z: args[4] as number, type: args[9] as number });
    return (texSubImage3D as (...a: unknown[]) => void).apply(this, args);
  };
}

let server: PreviewServer;
let dir: string;
const files = { exact: [] as string[], metal: [] as string[] };

/** The parts of cornerstone (window.cornerstone) these checks use. */
interface PageCornerstone {
  cache: { getVolumes(): Array<{ vtkOpenGLTexture: { getTexels?: () => { texels: string; basis: string }; useFloat32Texels?: () => void } }> };
  EVENTS: { IMAGE_RENDERED: string };
  getRenderingEngine(id: string): { render(): void } | undefined;
}

/** The volume texture's texels, as the texture says. */
async function texelsOf(session: ViewerSession): Promise<{ texels: string; basis: string } | null> {
  return session.page.evaluate(() => {
    const cornerstone = window.cornerstone as unknown as PageCornerstone;
    return cornerstone.cache.getVolumes()[0]?.vtkOpenGLTexture.getTexels?.() ?? null;
  });
}

/** One view's pixels as drawn: how many bytes, how many grey levels, and a copy kept in the page under `key`. */
interface ViewPixels {
  orientation: string;
  bytes: number;
  greyLevels: number;
  /** Bytes that differ from the copy kept under `compareWith` (-1 without one, or when the sizes differ). */
  differing: number;
}

/**
 * Renders every view once afresh (after turning the texture 32-bit when asked) and keeps each canvas's RGBA bytes in
 * the page under `key`; compares them there with those kept under `compareWith` (the pixels stay in the page: three
 * canvases of a million bytes each are slow to hand to the test).
 */
async function renderViews(session: ViewerSession, options: { float32First: boolean; key: string; compareWith?: string }): Promise<ViewPixels[]> {
  return session.page.evaluate(async ({ float32First, key, compareWith }) => {
    const cornerstone = window.cornerstone as unknown as PageCornerstone;
    if (float32First) cornerstone.cache.getVolumes()[0]?.vtkOpenGLTexture.useFloat32Texels?.();
    const elements = Array.from(document.querySelectorAll<HTMLDivElement>('[data-testid="viewport"]'));
    const rendered = elements.map((element) => new Promise<void>((resolve, reject) => {
      element.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, () => resolve(), { once: true });
      setTimeout(() => reject(new Error(`the ${element.dataset.orientation ?? '?'} view did not render within 60 s`)), 60_000);
    }));
    cornerstone.getRenderingEngine('vertebral-height-engine')?.render();
    await Promise.all(rendered);
    const store = window as unknown as Record<string, Record<string, Uint8ClampedArray> | undefined>;
    const kept: Record<string, Uint8ClampedArray> = {};
    store[key] = kept;
    return elements.map((element) => {
      const orientation = element.dataset.orientation ?? '?';
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      kept[orientation] = data;
      const greys = new Set<number>();
      for (let i = 0; i < data.length; i += 4) greys.add(data[i] as number);
      const other = compareWith === undefined ? undefined : store[compareWith]?.[orientation];
      let differing = -1;
      if (other !== undefined && other.length === data.length) {
        differing = 0;
        for (let i = 0; i < data.length; i++) if (data[i] !== other[i]) differing++;
      }
      return { orientation, bytes: data.length, greyLevels: greys.size, differing };
    });
  }, options);
}

describe('the volume texture', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vh-volume-texels-'));
    for (const series of ['exact', 'metal'] as const) {
      for (let k = 0; k < SLICE_COUNT; k++) {
        const path = join(dir, `${series}-${String(k).padStart(3, '0')}.dcm`);
        writeFileSync(path, sliceFile(series, k));
        files[series].push(path);
      }
    }
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Bounds against hangs on a loaded machine, not timings.
  it('holds integers within ±2048 as 16-bit floats and draws every view exactly as the 32-bit texture does', { timeout: 300_000 }, async () => {
    const session = await startSession({ server, initScript: recordTextureCalls });
    try {
      await session.viewer.openFiles(files.exact);
      for (const orientation of ['axial', 'sagittal', 'coronal']) await session.viewer.waitLoaded(orientation);
      expect(await texelsOf(session)).toEqual({ texels: 'half-float', basis: 'checked-per-slice' });
      const half = await renderViews(session, { float32First: false, key: '__halfFloatViews' });
      expect(half.map((v) => v.orientation).sort()).toEqual(['axial', 'coronal', 'sagittal']);
      const calls = await session.page.evaluate(() => (window as unknown as { __textureCalls: TextureCalls }).__textureCalls);
      expect(calls.storages).toEqual([GL.R16F]);
      expect(new Set(calls.uploads.map((u) => u.type))).toEqual(new Set([GL.HALF_FLOAT]));
      expect(new Set(calls.uploads.map((u) => u.z)).size).toBe(SLICE_COUNT);

      const float32 = await renderViews(session, { float32First: true, key: '__float32Views', compareWith: '__halfFloatViews' });
      expect(await texelsOf(session)).toEqual({ texels: 'float32', basis: 'asked' });
      const after = await session.page.evaluate(() => (window as unknown as { __textureCalls: TextureCalls }).__textureCalls);
      expect(after.storages).toEqual([GL.R16F, GL.R32F]);
      expect(new Set(after.uploads.slice(calls.uploads.length).map((u) => u.z)).size).toBe(SLICE_COUNT);

      for (const view of float32) {
        // Not a blank view: many grey levels drawn; and every byte of every view the same with R16F as with R32F.
        expect(view.greyLevels, view.orientation).toBeGreaterThan(50);
        expect(view.bytes, view.orientation).toBe(half.find((v) => v.orientation === view.orientation)?.bytes);
        expect(view.differing, `${view.orientation}: bytes that differ between R16F and R32F`).toBe(0);
      }
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('turns 32-bit before a slice with a value beyond ±2048 goes up, and sends every slice again as 32-bit floats', { timeout: 300_000 }, async () => {
    const session = await startSession({ server, initScript: recordTextureCalls });
    try {
      await session.viewer.openFiles(files.metal);
      for (const orientation of ['axial', 'sagittal', 'coronal']) await session.viewer.waitLoaded(orientation);
      expect(await texelsOf(session)).toEqual({ texels: 'float32', basis: 'value-out-of-range' });
      const calls = await session.page.evaluate(() => (window as unknown as { __textureCalls: TextureCalls }).__textureCalls);
      expect(calls.storages).toEqual([GL.R16F, GL.R32F]);
      const uploadsAfterSwitch = calls.uploads.slice(calls.uploads.findIndex((u) => u.type === GL.FLOAT));
      // After the switch every slice went up as 32-bit floats, and no half float after it.
      expect(new Set(uploadsAfterSwitch.map((u) => u.type))).toEqual(new Set([GL.FLOAT]));
      expect(new Set(uploadsAfterSwitch.map((u) => u.z)).size).toBe(SLICE_COUNT);
      // The metal slice never went up as half floats.
      expect(calls.uploads.filter((u) => u.z === METAL_SLICE && u.type === GL.HALF_FLOAT)).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
