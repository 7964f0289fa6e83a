import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_OUTPUT } from './harness';

export type Vec3 = [number, number, number];
export type PointName = 'anteriorSuperior' | 'anteriorInferior' | 'middleSuperior' | 'middleInferior' | 'posteriorSuperior' | 'posteriorInferior';
export const PLACEMENT_ORDER: PointName[] = ['anteriorSuperior', 'anteriorInferior', 'middleSuperior', 'middleInferior', 'posteriorSuperior', 'posteriorInferior'];

export interface GroundTruthLevel {
  level: string;
  points: Record<PointName, Vec3>;
  heights: { anteriorMm: number; middleMm: number; posteriorMm: number };
}

export interface GroundTruth {
  studies: Array<{
    key: string;
    studyInstanceUID: string;
    series: Array<{ key: string; seriesInstanceUID: string; pixelSpacingMm: [number, number] | null; imageCount: number }>;
    levels?: GroundTruthLevel[];
  }>;
}

export interface Manifest {
  studies: Array<{ key: string; series: Array<{ key: string; seriesInstanceUID: string; files: string[] }> }>;
}

export function loadGroundTruth(): GroundTruth {
  return JSON.parse(readFileSync(resolve(SAMPLE_OUTPUT, 'ground-truth.json'), 'utf8')) as GroundTruth;
}

export function sampleFiles(studyKey: string, seriesKey?: string): string[] {
  const manifest = JSON.parse(readFileSync(resolve(SAMPLE_OUTPUT, 'manifest.json'), 'utf8')) as Manifest;
  const study = manifest.studies.find((s) => s.key === studyKey)!;
  return study.series.filter((s) => !seriesKey || s.key === seriesKey).flatMap((s) => s.files.map((f) => resolve(SAMPLE_OUTPUT, f)));
}

/** Drives the viewer the way a person does, through its documented automation surface. */
export class ViewerPage {
  constructor(readonly page: Page) {}

  /** A viewport by orientation, or by 'orientation@seriesUID' when several views share an orientation (compare mode). */
  viewport(orientation: string) {
    return this.page.locator(ViewerPage.selector(orientation));
  }

  static selector(orientation: string): string {
    const [o, series] = orientation.split('@');
    return `[data-testid="viewport"][data-orientation="${o}"]${series ? `[data-series-uid="${series}"]` : ''}`;
  }

  async openFiles(paths: string[]): Promise<void> {
    await this.page.locator('[data-testid="open-files"]').setInputFiles(paths);
    await this.page.locator('[data-testid="file-progress"]').waitFor({ state: 'detached', timeout: 120_000 });
  }

  async openSeries(seriesUid: string): Promise<void> {
    await this.showStudyBrowser();
    await this.page.locator(`[data-testid="series-item"][data-series-uid="${seriesUid}"]`).click();
  }

  /** While measuring, the study browser is a drawer: opens it when it is hidden. */
  async showStudyBrowser(): Promise<void> {
    if (!(await this.page.locator('[data-testid="study-browser"]').isVisible())) {
      await this.page.locator('[data-testid="side-toggle"]').click();
    }
  }

  /**
   * An item of the toolbar's Export menu (export-json, export-csv, export-sr, save-to-pacs, import-measurements):
   * opens the menu first, as a person would.
   */
  async menuItem(testId: string) {
    const item = this.page.locator(`[data-testid="${testId}"]`);
    if ((await item.count()) === 0) await this.page.locator('[data-testid="output-menu"]').click();
    return item;
  }

  async waitLoaded(orientation: string): Promise<void> {
    // A sagittal CT stack moves to its spine's midline once its images are in (data-midline="pending" until then).
    await this.page.locator(`${ViewerPage.selector(orientation)}[data-rendered="true"][data-loaded="true"]:not([data-midline="pending"])`).waitFor({ timeout: 120_000 });
  }

  /**
   * Waits until a viewport has been drawn with every image it shows (`data-complete-render`): for a volume view, every
   * slice is in its texture. `waitLoaded` can return before that draw: the last slices arrive, and the progress reaches
   * 100 %, before the render that uploads them (up to 0.9 s later on a loaded machine).
   */
  async waitCompleteRender(orientation: string): Promise<void> {
    await this.page.locator(`${ViewerPage.selector(orientation)}[data-complete-render="true"]`).waitFor({ timeout: 120_000 });
  }

  /** Canvas position (page CSS pixels) of a patient-space point in a viewport, through cornerstone's own mapping. */
  async pagePointOf(orientation: string, world: Vec3): Promise<{ x: number; y: number }> {
    return this.page.evaluate(([selector, w]) => {
      const element = document.querySelector(selector) as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const [cx, cy] = viewport.worldToCanvas(w as [number, number, number]);
      const rect = viewport.canvas.getBoundingClientRect();
      return { x: rect.left + cx, y: rect.top + cy };
    }, [ViewerPage.selector(orientation), world] as const);
  }

  /** Brightest displayed grey value (0–255) within `radius` CSS pixels of a page point in a viewport's canvas. */
  async maxGreyNear(orientation: string, point: { x: number; y: number }, radius = 2): Promise<number> {
    return this.page.evaluate(([o, p, r]) => {
      const element = document.querySelector(`[data-testid="viewport"][data-orientation="${o}"]`) as HTMLDivElement;
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      // What the person sees: the canvas as laid out on the page, whatever its backing size.
      const rect = canvas.getBoundingClientRect();
      const scaleX = canvas.width / rect.width;
      const scaleY = canvas.height / rect.height;
      const ctx = canvas.getContext('2d')!;
      const x0 = Math.round((p.x - rect.left - r) * scaleX);
      const y0 = Math.round((p.y - rect.top - r) * scaleY);
      const data = ctx.getImageData(x0, y0, Math.max(1, Math.round(2 * r * scaleX)), Math.max(1, Math.round(2 * r * scaleY))).data;
      let max = 0;
      data.forEach((value, i) => {
        if (i % 4 === 0) max = Math.max(max, value);
      });
      return max;
    }, [orientation, point, radius] as const);
  }

  /** Fraction of canvas pixels that are not black: a rendered image, not an empty canvas. */
  async nonBlackFraction(orientation: string): Promise<number> {
    return this.page.evaluate((o) => {
      const element = document.querySelector(`[data-testid="viewport"][data-orientation="${o}"]`) as HTMLDivElement;
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let lit = 0;
      let rgb = 0;
      data.forEach((value, i) => {
        const channel = i % 4;
        if (channel < 3) rgb += value;
        if (channel === 2) {
          if (rgb > 30) lit++;
          rgb = 0;
        }
      });
      return lit / (data.length / 4);
    }, orientation);
  }

  async sliceIndex(orientation: string): Promise<number> {
    const id = await this.viewport(orientation).getAttribute('data-viewport-id');
    return Number(await this.page.locator(`[data-testid="viewport-overlay"][data-viewport-id="${id}"] [data-testid="slice-label"]`).getAttribute('data-slice-index'));
  }

  async windowWidth(orientation: string): Promise<number> {
    const id = await this.viewport(orientation).getAttribute('data-viewport-id');
    return Number(await this.page.locator(`[data-testid="viewport-overlay"][data-viewport-id="${id}"] [data-testid="window-label"]`).getAttribute('data-window-width'));
  }

  /**
   * Scrolls a native sagittal stack with the arrow keys, as a reader does, to the image nearest the plane x = `xMm`
   * (patient x), and waits until the overlay shows it.
   */
  async showSagittalPlaneAt(xMm: number): Promise<void> {
    const { target, current } = await this.page.evaluate((x) => {
      const element = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]') as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const stack = viewport as unknown as { getImageIds(): string[]; getCurrentImageIdIndex(): number };
      const positions = stack.getImageIds().map((id) => (window.cornerstone.metaData.get('imagePlaneModule', id) as { imagePositionPatient: number[] }).imagePositionPatient[0]!);
      const nearest = positions.reduce((best, p, n) => (Math.abs(p - x) < Math.abs(positions[best]! - x) ? n : best), 0);
      element.focus();
      return { target: nearest, current: stack.getCurrentImageIdIndex() };
    }, xMm);
    for (let n = 0; n < Math.abs(target - current); n++) await this.page.keyboard.press(target > current ? 'ArrowDown' : 'ArrowUp');
    const deadline = Date.now() + 10_000;
    while ((await this.sliceIndex('sagittal')) !== target) {
      if (Date.now() > deadline) throw new Error(`the sagittal stack did not reach image ${target}`);
      await this.page.waitForTimeout(50);
    }
  }

  /**
   * Scrolls a native stack with the arrow keys, as a reader does, to the image whose plane lies nearest the patient
   * point `world` (along each image's own normal, so an oblique stack too), and waits until the overlay shows it.
   */
  async showStackImageNearest(orientation: string, world: Vec3): Promise<void> {
    const { target, current } = await this.page.evaluate(([selector, w]) => {
      const element = document.querySelector(selector) as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const stack = viewport as unknown as { getImageIds(): string[]; getCurrentImageIdIndex(): number };
      const distances = stack.getImageIds().map((id) => {
        const plane = window.cornerstone.metaData.get('imagePlaneModule', id) as { imagePositionPatient: number[]; rowCosines: number[]; columnCosines: number[] };
        const [r, c, p] = [plane.rowCosines, plane.columnCosines, plane.imagePositionPatient];
        const normal = [r[1]! * c[2]! - r[2]! * c[1]!, r[2]! * c[0]! - r[0]! * c[2]!, r[0]! * c[1]! - r[1]! * c[0]!];
        return Math.abs(normal.reduce((sum, n, a) => sum + n * (w[a]! - p[a]!), 0));
      });
      const nearest = distances.reduce((best, d, n) => (d < distances[best]! ? n : best), 0);
      element.focus();
      return { target: nearest, current: stack.getCurrentImageIdIndex() };
    }, [ViewerPage.selector(orientation), world] as const);
    for (let n = 0; n < Math.abs(target - current); n++) await this.page.keyboard.press(target > current ? 'ArrowDown' : 'ArrowUp');
    const deadline = Date.now() + 10_000;
    while ((await this.sliceIndex(orientation)) !== target) {
      if (Date.now() > deadline) throw new Error(`the ${orientation} stack did not reach image ${target}`);
      await this.page.waitForTimeout(50);
    }
  }

  async chooseLevel(level: string): Promise<void> {
    await this.page.locator('[data-testid="level-select"]').selectOption(level);
  }

  /** How many vertebrae the page holds (all series). */
  async measurementCount(): Promise<number> {
    return this.page.evaluate(() => Object.keys(window.vertebralViewer.getState().measurements.byId).length);
  }

  /**
   * Clicks the six points of one vertebra, in placement order, at the canvas positions of the given world points.
   * Like a careful reader, it first zooms onto the vertebra (about 0.15 mm a screen pixel, so a click's rounding to
   * whole pixels stays far below the pixel spacing), then puts the view back as it was.
   */
  async placeVertebra(orientation: string, level: string, points: Record<PointName, Vec3>, halfHeightMm = 40): Promise<void> {
    await this.chooseLevel(level);
    const before = await this.measurementCount();
    const restore = await this.page.evaluate(([selector, pts, half]) => {
      const element = document.querySelector(selector) as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      const camera = viewport.getCamera();
      const n = camera.viewPlaneNormal;
      const all = Object.values(pts);
      const mean = (i: 0 | 1 | 2) => all.reduce((sum, p) => sum + p[i], 0) / all.length;
      const c = [mean(0), mean(1), mean(2)] as const;
      const off = (c[0] - camera.focalPoint[0]) * n[0] + (c[1] - camera.focalPoint[1]) * n[1] + (c[2] - camera.focalPoint[2]) * n[2];
      const focalPoint: [number, number, number] = [c[0] - off * n[0], c[1] - off * n[1], c[2] - off * n[2]];
      const position: [number, number, number] = [
        camera.position[0] + focalPoint[0] - camera.focalPoint[0],
        camera.position[1] + focalPoint[1] - camera.focalPoint[1],
        camera.position[2] + focalPoint[2] - camera.focalPoint[2],
      ];
      // Wide enough for the whole vertebra in a narrow view too (compare mode halves the width), with a margin.
      const up = camera.viewUp;
      const right = [up[1] * n[2] - up[2] * n[1], up[2] * n[0] - up[0] * n[2], up[0] * n[1] - up[1] * n[0]] as const;
      const along = (axis: readonly [number, number, number]) => Math.max(...all.map((p) => Math.abs((p[0] - c[0]) * axis[0] + (p[1] - c[1]) * axis[1] + (p[2] - c[2]) * axis[2])));
      const { clientWidth, clientHeight } = viewport.canvas;
      const fit = 1.2 * Math.max(along(up), (along(right) * clientHeight) / Math.max(1, clientWidth));
      viewport.setCamera({ focalPoint, position, parallelScale: Math.max(half, fit) });
      viewport.render();
      return { focalPoint: camera.focalPoint, position: camera.position, parallelScale: camera.parallelScale };
    }, [ViewerPage.selector(orientation), points, halfHeightMm] as const);
    // Let the annotation layer follow the camera before clicking.
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    for (const name of PLACEMENT_ORDER) {
      const p = await this.pagePointOf(orientation, points[name]);
      await this.page.mouse.click(p.x, p.y);
    }
    await this.page.waitForFunction((count) => Object.keys(window.vertebralViewer.getState().measurements.byId).length > count, before);
    await this.page.evaluate(([selector, camera]) => {
      const element = document.querySelector(selector) as HTMLDivElement;
      const { viewport } = window.cornerstone.getEnabledElement(element)!;
      viewport.setCamera(camera);
      viewport.render();
    }, [ViewerPage.selector(orientation), restore] as const);
  }

  /** The keyboard cursor's crosshair (shown while K has switched it on, with the height tool). */
  keyboardCursor() {
    return this.page.locator('[data-testid="keyboard-cursor"]');
  }

  /** The keyboard cursor's canvas position (CSS pixels), as the app holds it. */
  async keyboardCursorPx(): Promise<{ x: number; y: number }> {
    const cursor = this.keyboardCursor();
    return { x: Number(await cursor.getAttribute('data-x-px')), y: Number(await cursor.getAttribute('data-y-px')) };
  }

  /**
   * Moves the keyboard cursor onto the canvas pixel nearest a world point with arrow keys only, as a reader would:
   * Shift+arrows (10 px) for the long way, arrows (1 px) for the rest. Returns the key presses it took.
   */
  async moveKeyboardCursorTo(orientation: string, world: Vec3): Promise<number> {
    const target = await this.pagePointOf(orientation, world);
    const canvasLeftTop = await this.page.evaluate((selector) => {
      const rect = (document.querySelector(selector) as HTMLDivElement).querySelector('canvas')!.getBoundingClientRect();
      return { x: rect.left, y: rect.top };
    }, ViewerPage.selector(orientation));
    const wanted = { x: Math.round(target.x - canvasLeftTop.x), y: Math.round(target.y - canvasLeftTop.y) };
    const from = await this.keyboardCursorPx();
    let presses = 0;
    for (const [delta, less, more] of [[wanted.x - from.x, 'ArrowLeft', 'ArrowRight'], [wanted.y - from.y, 'ArrowUp', 'ArrowDown']] as const) {
      const key = delta < 0 ? less : more;
      const tens = Math.round(Math.abs(delta) / 10);
      const ones = Math.abs(delta) - 10 * tens;
      for (let i = 0; i < tens; i += 1) await this.page.keyboard.press(`Shift+${key}`);
      // Ten too far (e.g. 17 px: two long steps back three): the short steps go the other way.
      const back = ones < 0 ? (key === less ? more : less) : key;
      for (let i = 0; i < Math.abs(ones); i += 1) await this.page.keyboard.press(back);
      presses += tens + Math.abs(ones);
    }
    await this.page.waitForFunction(
      ([x, y]) => {
        const el = document.querySelector('[data-testid="keyboard-cursor"]');
        return el?.getAttribute('data-x-px') === String(x) && el.getAttribute('data-y-px') === String(y);
      },
      [wanted.x, wanted.y] as const,
    );
    return presses;
  }

  row(level: string) {
    return this.page.locator(`[data-testid="measurement-row"][data-level="${level}"]`);
  }

  /** The unrounded value of one field of a level's row ('' when not available). */
  async field(level: string, field: string): Promise<string> {
    return (await this.row(level).locator(`[data-field="${field}"]`).getAttribute('data-value')) ?? '';
  }

  async numberField(level: string, field: string): Promise<number> {
    return Number(await this.field(level, field));
  }
}
