import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from './harness';
import { PLACEMENT_ORDER, ViewerPage, loadGroundTruth, sampleFiles, type Vec3 } from './pageObject';
import { startSession, type ViewerSession } from './session';
import { SHORTCUTS } from '../../viewer/model/shortcuts';

const truth = loadGroundTruth();
const baseline = truth.studies.find((s) => s.key === 'baseline')!;
const ct = baseline.series.find((s) => s.key === 'ct')!;
const post = truth.studies.find((s) => s.key === 'post')!;
const postCt = post.series.find((s) => s.key === 'ct')!;
const levels = baseline.levels!;

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1920x1080', width: 1920, height: 1080 },
] as const;
const SCREENSHOTS = resolve(PROJECT_ROOT, 'test-results/screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session: ViewerSession;
let viewer: ViewerPage;
let page: Page;

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/** axe-core's serious and critical violations on the page as it is now (injected over CDP, so the page's CSP holds). */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    // The cornerstone canvases are images without text; axe judges the page around them.
    const result = await axe.run({ exclude: [['.viewport canvas']] }, { resultTypes: ['violations'] });
    return result.violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

async function screenshot(name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize()!;
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
}

/** Waits until layout and cornerstone's resize have settled (two animation frames after the last resize). */
async function settle(): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

async function setSize(width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction(([w, h]) => window.innerWidth === w && window.innerHeight === h, [width, height] as const);
  await settle();
}

/** Share of the window the sagittal view covers. */
async function sagittalShare(): Promise<number> {
  return page.evaluate(() => {
    const rect = document.querySelector('[data-testid="viewport"][data-orientation="sagittal"]')!.getBoundingClientRect();
    return (rect.width * rect.height) / (window.innerWidth * window.innerHeight);
  });
}

/** The data-testid (or aria-label) of the element holding the keyboard focus. */
async function focusedName(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? el?.getAttribute('aria-label') ?? el?.tagName ?? '';
  });
}

/** Presses Tab until the element with `testId` has the focus (at most `limit` presses); returns the presses. */
async function tabTo(testId: string, limit = 200): Promise<number> {
  const visited: string[] = [];
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    const name = await focusedName();
    if (name === testId) return presses;
    visited.push(name);
  }
  throw new Error(`${testId} is not reachable with Tab; focus went to ${[...new Set(visited)].join(', ')}`);
}

beforeAll(async () => {
  session = await startSession();
  ({ viewer } = session);
  page = viewer.page;
});

afterAll(async () => {
  await session?.close();
});

describe('the start screen', () => {
  it('passes axe-core without serious or critical violations, at both sizes', async () => {
    for (const size of SIZES) {
      await setSize(size.width, size.height);
      await screenshot('start');
      expect(await seriousViolations()).toEqual([]);
    }
  });
});

describe('keyboard only: opening the sample and measuring', () => {
  it('opens the sample study from the keyboard and frames the spine on the sagittal view', async () => {
    await setSize(1280, 800);
    await tabTo('open-sample');
    await page.keyboard.press('Enter');
    await viewer.waitLoaded('sagittal');
    await page.locator('[data-testid="viewport"][data-orientation="sagittal"][data-framed]').waitFor();
    expect(await viewer.viewport('sagittal').getAttribute('data-framed')).toBe('spine');
  });

  it('shows a thumbnail of the middle image of each image series in the study browser', async () => {
    const thumbnails = page.locator('[data-testid="series-item"] [data-testid="series-thumbnail"]');
    await expect.poll(() => thumbnails.count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid="series-thumbnail"][data-state="waiting"]').first().waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="series-thumbnail"][data-state="rendered"]').count()).toBe(await thumbnails.count());
    // Drawn: the canvas holds more than a black square.
    const lit = await thumbnails.first().evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 60) n += 1;
      return n / (data.length / 4);
    });
    expect(lit).toBeGreaterThan(0.05);
    await screenshot('opened');
  });

  it('shows the vertebral bodies over at least half the sagittal view height without any zoom by the user', async () => {
    const top = await viewer.pagePointOf('sagittal', levels[0]!.points.anteriorSuperior);
    const bottom = await viewer.pagePointOf('sagittal', levels[levels.length - 1]!.points.posteriorInferior);
    const box = (await viewer.viewport('sagittal').boundingBox())!;
    const spanShare = Math.abs(bottom.y - top.y) / box.height;
    console.log(`framed spine: bodies ${levels[0]!.level}–${levels[levels.length - 1]!.level} span ${(100 * spanShare).toFixed(1)} % of the view height`);
    expect(spanShare).toBeGreaterThanOrEqual(0.5);
    // All of them inside the view.
    for (const p of [top, bottom]) {
      expect(p.y).toBeGreaterThan(box.y);
      expect(p.y).toBeLessThan(box.y + box.height);
    }
  });

  it('chooses the height tool with V, which hides the crosshair lines, and gives the sagittal view at least 55 % of the window at both sizes', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('v');
    await expect.poll(() => page.locator('[data-testid="tool-vertebral-height"]').getAttribute('aria-pressed')).toBe('true');
    const crosshairsEnabled = await page.evaluate(() => {
      const { cornerstoneTools } = window as unknown as {
        cornerstoneTools: { ToolGroupManager: { getToolGroup(id: string): { getToolOptions(name: string): { mode?: string } | undefined } | undefined } };
      };
      const group = cornerstoneTools.ToolGroupManager.getToolGroup('vertebral-height-tools');
      return group?.getToolOptions('Crosshairs')?.mode;
    });
    expect(crosshairsEnabled).toBe('Disabled');
    for (const size of SIZES) {
      await setSize(size.width, size.height);
      const share = await sagittalShare();
      console.log(`measuring at ${size.name}: sagittal view covers ${(100 * share).toFixed(1)} % of the window`);
      expect(share).toBeGreaterThanOrEqual(0.55);
    }
    await setSize(1280, 800);
  });

  it('goes to the level selector with L and picks a level with the arrow keys', async () => {
    await page.keyboard.press('l');
    expect(await focusedName()).toBe('level-select');
    const before = await page.locator('[data-testid="level-select"]').inputValue();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="level-select"]').inputValue()).not.toBe(before);
  });

  it('places a whole vertebra by keyboard only (K, arrows, +, Enter) within one pixel spacing of the truth, and Ctrl+Z takes it back', async () => {
    const level = levels.find((l) => l.level === 'T12')!;
    // The level by keyboard: the selector has the focus (L); arrows walk its options.
    const select = page.locator('[data-testid="level-select"]');
    const options = await select.evaluate((el) => Array.from((el as HTMLSelectElement).options, (o) => o.value));
    const steps = options.indexOf(level.level) - options.indexOf(await select.inputValue());
    for (let i = 0; i < Math.abs(steps); i += 1) await page.keyboard.press(steps < 0 ? 'ArrowUp' : 'ArrowDown');
    expect(await select.inputValue()).toBe(level.level);
    // K from the level selector: cursor on, at the view centre, and the focus on the sagittal view.
    await page.keyboard.press('k');
    await viewer.keyboardCursor().waitFor();
    expect(await focusedName()).toBe('viewport');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.orientation)).toBe('sagittal');
    expect(await page.locator('[data-testid="placement-guide"]').getAttribute('data-input')).toBe('keyboardCursor');
    // Drawn where the point would go: the crosshair's centre on the canvas pixel the app holds.
    const centre = await viewer.keyboardCursor().evaluate((el) => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
    const canvas = (await viewer.viewport('sagittal').locator('canvas').boundingBox())!;
    const held = await viewer.keyboardCursorPx();
    expect(Math.abs(centre.x - (canvas.x + held.x))).toBeLessThan(1);
    expect(Math.abs(centre.y - (canvas.y + held.y))).toBeLessThan(1);

    // Zoomed onto the vertebra as a careful reader does, by keyboard: the cursor onto the body's centre, then + until
    // a screen pixel is at most 0.2 mm; the body's centre stays under the cursor.
    const all = Object.values(level.points);
    const bodyCentre = [0, 1, 2].map((i) => all.reduce((sum, p) => sum + p[i]!, 0) / all.length) as Vec3;
    await viewer.moveKeyboardCursorTo('sagittal', bodyCentre);
    const mmPerPixel = () => page.evaluate((selector) => {
      const { viewport } = window.cornerstone.getEnabledElement(document.querySelector(selector) as HTMLDivElement)!;
      return (2 * viewport.getCamera().parallelScale!) / viewport.canvas.clientHeight;
    }, ViewerPage.selector('sagittal'));
    const framedMmPerPixel = await mmPerPixel();
    const zoomPresses = Math.max(0, Math.ceil(Math.log(framedMmPerPixel / 0.2) / Math.log(1.25)));
    for (let i = 0; i < zoomPresses; i += 1) await page.keyboard.press('+');
    expect(await mmPerPixel()).toBeLessThanOrEqual(0.2);
    const cursorNow = await viewer.keyboardCursorPx();
    const centreNow = await viewer.pagePointOf('sagittal', bodyCentre);
    expect(Math.abs(centreNow.x - (canvas.x + cursorNow.x))).toBeLessThan(1);
    expect(Math.abs(centreNow.y - (canvas.y + cursorNow.y))).toBeLessThan(1);
    await settle();

    const before = await viewer.measurementCount();
    let presses = 0;
    for (const [i, name] of PLACEMENT_ORDER.entries()) {
      presses += await viewer.moveKeyboardCursorTo('sagittal', level.points[name]);
      if (i === 0) await screenshot('keyboard-cursor');
      await page.keyboard.press('Enter');
      if (i < PLACEMENT_ORDER.length - 1) {
        await expect.poll(() => page.locator('[data-testid="placement-guide"]').getAttribute('data-placed')).toBe(String(i + 1));
      }
    }
    await viewer.row(level.level).waitFor();
    expect(await viewer.measurementCount()).toBe(before + 1);
    const tolerance = ct.pixelSpacingMm![0];
    const heights = { anteriorMm: 0, middleMm: 0, posteriorMm: 0 };
    for (const field of ['anteriorMm', 'middleMm', 'posteriorMm'] as const) {
      heights[field] = await viewer.numberField(level.level, field);
      expect(Math.abs(heights[field] - level.heights[field]), field).toBeLessThan(tolerance);
    }
    console.log(`keyboard cursor: ${level.level} placed with ${presses} arrow presses; heights ${JSON.stringify(heights)} vs truth ${JSON.stringify(level.heights)}`);

    // Undo from the keyboard, the focus still on the view; then K switches the cursor off and the arrows scroll the
    // focused view again.
    await page.keyboard.press('Control+z');
    await viewer.row(level.level).waitFor({ state: 'detached' });
    expect(await viewer.measurementCount()).toBe(before);
    for (let i = 0; i < zoomPresses; i += 1) await page.keyboard.press('-');
    expect(await mmPerPixel()).toBeCloseTo(framedMmPerPixel, 6);
    await page.keyboard.press('k');
    await viewer.keyboardCursor().waitFor({ state: 'detached' });
    const slice = await viewer.sliceIndex('sagittal');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => viewer.sliceIndex('sagittal')).toBe(slice + 1);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => viewer.sliceIndex('sagittal')).toBe(slice);
    // R puts the framing back for the tests that follow.
    await page.keyboard.press('r');
  });

  it('reaches every enabled control of the toolbar with Tab', async () => {
    const controls = await page.locator('.toolbar button:not(:disabled), .toolbar select, .toolbar input').evaluateAll((els) =>
      els.map((el) => (el as HTMLElement).dataset.testid ?? el.getAttribute('aria-label') ?? ''),
    );
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 120 && reached.size < controls.length + 20; i += 1) {
      await page.keyboard.press('Tab');
      reached.add(await focusedName());
    }
    expect(controls.filter((c) => !reached.has(c))).toEqual([]);
  });

  it('undoes and redoes a placed vertebra with Ctrl+Z and Ctrl+Y', async () => {
    await viewer.placeVertebra('sagittal', 'L1', levels.find((l) => l.level === 'L1')!.points);
    await viewer.row('L1').waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('Control+z');
    await viewer.row('L1').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await viewer.row('L1').waitFor();
  });

  it('exports JSON from the keyboard through the Export menu', async () => {
    await page.locator('body').focus();
    await tabTo('output-menu');
    await page.keyboard.press('Enter');
    await tabTo('export-json', 10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
  });

  it('passes axe-core on the viewer with measurements, and records screenshots', async () => {
    for (const level of levels.filter((l) => l.level !== 'L1').slice(0, 2)) {
      await viewer.placeVertebra('sagittal', level.level, level.points);
    }
    for (const size of SIZES) {
      await setSize(size.width, size.height);
      await screenshot('measuring');
    }
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('the ? overlay', () => {
  it('lists every shortcut of the table the key handlers dispatch on, and Escape closes it', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Shift+Slash');
    await page.locator('[data-testid="shortcut-help"]').waitFor();
    const listed = await page.locator('[data-testid="shortcut-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shortcut-id')));
    expect([...listed].sort()).toEqual(SHORTCUTS.map((s) => s.id).sort());
    await screenshot('shortcuts');
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="shortcut-help"]').waitFor({ state: 'detached' });
  });
});

describe('compare mode and the report', () => {
  it('passes axe-core in compare mode, with both studies side by side', async () => {
    await viewer.openFiles(sampleFiles('post', 'ct'));
    await page.locator('[data-testid="compare-mode"]').click();
    await viewer.waitLoaded(`sagittal@${ct.seriesInstanceUID}`);
    await viewer.waitLoaded(`sagittal@${postCt.seriesInstanceUID}`);
    for (const size of SIZES) {
      await setSize(size.width, size.height);
      const shares = await page.locator('[data-testid="viewport"][data-orientation="sagittal"]').evaluateAll((els) =>
        els.map((el) => { const r = el.getBoundingClientRect(); return (r.width * r.height) / (window.innerWidth * window.innerHeight); }));
      console.log(`compare at ${size.name}: each sagittal view covers ${shares.map((s) => (100 * s).toFixed(1)).join(' % and ')} % of the window`);
      await screenshot('compare');
    }
    expect(await seriousViolations()).toEqual([]);
  });

  it('passes axe-core on the report', async () => {
    await page.locator('[data-testid="report"]').click();
    await page.locator('[data-testid="report-view"]').waitFor();
    for (const size of SIZES) {
      await setSize(size.width, size.height);
      await screenshot('report');
    }
    expect(await seriousViolations()).toEqual([]);
  });
});
