import { describe, expect, it } from 'vitest';
import { sixPoints, type Heights } from '../helpers/sagittalSpine';
import { assessSpine, type SpinalLevel, type SpineAssessment } from '../../measurement';
import '../../measurement/testing/matchers';
import { at, expectOk } from '../../measurement/testing/results';
import {
  barFill,
  buildChartModel,
  HEIGHT_KINDS,
  niceAxis,
  type ChartModel,
  type ChartTimePoint,
} from '../../viewer/model/comparisonChartModel';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: constructed vertebrae in the sagittal plane x = 0 (LPS, mm): anterior wall at y = −15, middle at y = 0,
// posterior at y = +15, inferior points at z = base, superior points at z = base + height.
// ---------------------------------------------------------------------------------------------------------------



/** Vertebral bodies 40 mm apart, T11 highest. */
const BASE_MM: Partial<Record<SpinalLevel, number>> = { T11: 80, T12: 40, L1: 0, L2: -40, L3: -80 };

function spine(levels: Partial<Record<SpinalLevel, Heights>>): SpineAssessment {
  const input = Object.entries(levels).map(([level, heights]) => ({
    level: level as SpinalLevel,
    points: sixPoints(heights as Heights, BASE_MM[level as SpinalLevel] ?? 0),
  }));
  return expectOk(assessSpine(input));
}

/** Constructed: T12 biconcave (Hm 18.72 of Hp 24 mm, 22 % loss, grade 1). */
const T12: Heights = { anteriorMm: 23.28, middleMm: 18.72, posteriorMm: 24 };
/** Constructed: L2 within normal variation (2 % anterior, 4 % middle loss). */
const L2: Heights = { anteriorMm: 26.46, middleMm: 25.93, posteriorMm: 27 };
/** Constructed: baseline L1 wedge fracture, Ha 16.58 of Hp 25.5 mm (35 % loss, grade 2). */
const wedgeL1: Heights = { anteriorMm: 16.58, middleMm: 20.24, posteriorMm: 25.5 };
/** Constructed: the same L1 after kyphoplasty, Ha restored to 22.95 mm, Hm to 23.42 mm. */
const postKyphoplastyL1: Heights = { anteriorMm: 22.95, middleMm: 23.42, posteriorMm: 25.5 };
/** Constructed: the same L1 three months later, 0.85 mm of the anterior gain lost again. */
const threeMonthsL1: Heights = { anteriorMm: 22.1, middleMm: 23.1, posteriorMm: 25.4 };

const baseline: ChartTimePoint = { label: '2026-09-15', spine: spine({ T12, L1: wedgeL1, L2 }) };
const postOp: ChartTimePoint = { label: '2026-09-17', spine: spine({ T12, L1: postKyphoplastyL1, L2 }) };
const threeMonths: ChartTimePoint = { label: '2026-12-15', spine: spine({ T12, L1: threeMonthsL1, L2 }) };

const beforeAfter = buildChartModel([baseline, postOp]);
const series = buildChartModel([baseline, postOp, threeMonths]);

function barOf(model: ChartModel, level: SpinalLevel, heightKind: string, timePointIndex: number) {
  const bar = model.bars.find((b) => b.level === level && b.heightKind === heightKind && b.timePointIndex === timePointIndex);
  if (bar === undefined) throw new Error(`no bar ${level} ${heightKind} ${timePointIndex}`);
  return bar;
}

/** WCAG relative luminance of a #rrggbb colour, 0 (black) – 1 (white). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [channel(1), channel(3), channel(5)];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('niceAxis', () => {
  it.each<[number, number, number]>([
    [27, 5, 30],
    [25.5, 5, 30],
    [30, 5, 30],
    [31, 10, 40],
    [9.5, 2, 10],
    [100, 20, 100],
    [0.8, 0.2, 0.8],
    [0, 2, 10],
  ])('puts a maximum of %s mm on steps of %s mm up to %s mm', (maxMm, stepMm, topMm) => {
    const axis = niceAxis(maxMm);
    expect(axis.stepMm).toBe(stepMm);
    expect(axis.maxMm).toBe(topMm);
    expect(axis.ticksMm[0]).toBe(0);
    axis.ticksMm.slice(1).forEach((tick, i) => expect(tick - at(axis.ticksMm, i)).toBeCloseTo(stepMm, 12));
  });
});

describe('buildChartModel', () => {
  describe('with a baseline and a follow-up', () => {
    it('draws one bar per level, height and time point (3 levels × 3 heights × 2 time points)', () => {
      expect(beforeAfter.bars).toHaveLength(3 * 3 * 2);
      expect(beforeAfter.gaps).toEqual([]);
    });

    it('puts the levels cranial to caudal from left to right', () => {
      expect(beforeAfter.levels.map((l) => l.level)).toEqual(['T12', 'L1', 'L2']);
      const centres = beforeAfter.levels.map((l) => l.centerX);
      expect(centres).toEqual([...centres].sort((a, b) => a - b));
    });

    it('orders the bars of a level anterior, middle, posterior, each baseline then follow-up', () => {
      const l1 = beforeAfter.bars.filter((b) => b.level === 'L1');
      expect(l1.map((b) => [b.heightKind, b.timePointIndex])).toEqual(
        HEIGHT_KINDS.flatMap((kind) => [[kind, 0], [kind, 1]]),
      );
      l1.slice(1).forEach((bar, i) => expect(bar.x).toBeGreaterThanOrEqual(at(l1, i).x + at(l1, i).width - 1e-9));
    });

    it('carries the unrounded heights of assessSpine as bar values, in mm', () => {
      expect(barOf(beforeAfter, 'L1', 'anterior', 0).valueMm).toBe(at(baseline.spine.levels, 1).heights.anteriorMm);
      expect(barOf(beforeAfter, 'L1', 'anterior', 0).valueMm).toBeCloseToMm(16.58, 1e-9);
      expect(barOf(beforeAfter, 'L1', 'anterior', 1).valueMm).toBeCloseToMm(22.95, 1e-9);
      expect(barOf(beforeAfter, 'T12', 'middle', 1).valueMm).toBeCloseToMm(18.72, 1e-9);
      expect(barOf(beforeAfter, 'L2', 'posterior', 0).valueMm).toBeCloseToMm(27, 1e-9);
    });

    it('makes bar heights proportional to the heights, standing on the x axis', () => {
      const plotHeight = beforeAfter.plot.bottom - beforeAfter.plot.top;
      expect(beforeAfter.yAxis.maxMm).toBe(30);
      for (const bar of beforeAfter.bars) {
        expect(bar.height).toBeCloseTo((bar.valueMm / 30) * plotHeight, 9);
        expect(bar.y + bar.height).toBeCloseTo(beforeAfter.plot.bottom, 9);
      }
      const before = barOf(beforeAfter, 'L1', 'anterior', 0);
      const after = barOf(beforeAfter, 'L1', 'anterior', 1);
      expect(after.height / before.height).toBeCloseTo(22.95 / 16.58, 9);
    });

    it('keeps every bar inside the plot and inside its level', () => {
      const { plot } = beforeAfter;
      for (const bar of beforeAfter.bars) {
        expect(bar.x).toBeGreaterThanOrEqual(plot.left);
        expect(bar.x + bar.width).toBeLessThanOrEqual(plot.right);
        expect(bar.y).toBeGreaterThanOrEqual(plot.top);
        expect(bar.width).toBeGreaterThan(0);
      }
      const bandWidth = (plot.right - plot.left) / 3;
      beforeAfter.levels.forEach((level, i) => {
        for (const bar of beforeAfter.bars.filter((b) => b.level === level.level)) {
          expect(bar.x).toBeGreaterThan(plot.left + i * bandWidth);
          expect(bar.x + bar.width).toBeLessThan(plot.left + (i + 1) * bandWidth);
        }
      });
    });

    it('puts y ticks every 5 mm from 0 to 30 mm, 0 on the x axis', () => {
      expect(beforeAfter.yAxis.ticks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20', '25', '30']);
      expect(at(beforeAfter.yAxis.ticks, 0).y).toBe(beforeAfter.plot.bottom);
      expect(at(beforeAfter.yAxis.ticks, 6).y).toBeCloseTo(beforeAfter.plot.top, 9);
      expect(beforeAfter.yAxis.title).toBe('Height (mm)');
    });

    it('draws no trend line: two bars side by side already show the change', () => {
      expect(beforeAfter.trends).toEqual([]);
    });

    it('colours the baseline lighter than the follow-up, in a different hue per height', () => {
      for (const kind of HEIGHT_KINDS) {
        const before = barOf(beforeAfter, 'L1', kind, 0);
        const after = barOf(beforeAfter, 'L1', kind, 1);
        expect(luminance(before.fill)).toBeGreaterThan(luminance(after.fill));
        // Light enough to tell apart: WCAG contrast ratio between the two shades at least 2.
        expect((luminance(before.fill) + 0.05) / (luminance(after.fill) + 0.05)).toBeGreaterThan(2);
      }
      expect(new Set(HEIGHT_KINDS.map((kind) => barOf(beforeAfter, 'L1', kind, 1).fill)).size).toBe(3);
    });

    it('has a legend row per time point whose swatches are the colours of its bars', () => {
      expect(beforeAfter.legend.headers.map((h) => h.label)).toEqual(['Ha', 'Hm', 'Hp']);
      expect(beforeAfter.legend.rows.map((r) => r.label)).toEqual(['2026-09-15', '2026-09-17']);
      for (const row of beforeAfter.legend.rows) {
        for (const swatch of row.swatches) {
          expect(swatch.fill).toBe(barOf(beforeAfter, 'L1', swatch.heightKind, row.timePointIndex).fill);
        }
        expect(row.y).toBeLessThan(beforeAfter.plot.top);
      }
    });

    it('describes each bar in words with its height to 0.1 mm', () => {
      expect(barOf(beforeAfter, 'L1', 'anterior', 0).description).toBe('L1 Ha 2026-09-15: 16.6 mm');
    });

    it('is the same numbers every time', () => {
      expect(buildChartModel([baseline, postOp])).toEqual(beforeAfter);
    });
  });

  describe('with three time points', () => {
    it('draws 3 levels × 3 heights × 3 time points bars', () => {
      expect(series.bars).toHaveLength(27);
    });

    it('draws a trend line per level and height through its bar tops, in time order', () => {
      expect(series.trends).toHaveLength(3 * 3);
      const trend = series.trends.find((t) => t.level === 'L1' && t.heightKind === 'anterior');
      expect(trend?.points).toEqual(
        [0, 1, 2].map((i) => {
          const bar = barOf(series, 'L1', 'anterior', i);
          return { x: bar.x + bar.width / 2, y: bar.y, timePointIndex: i };
        }),
      );
    });

    it('colours the time points from light to dark', () => {
      const fills = [0, 1, 2].map((i) => barOf(series, 'L1', 'anterior', i).fill);
      expect(luminance(at(fills, 0))).toBeGreaterThan(luminance(at(fills, 1)));
      expect(luminance(at(fills, 1))).toBeGreaterThan(luminance(at(fills, 2)));
      expect(fills[0]).toBe(barFill('anterior', 0, 3));
      expect(fills[2]).toBe(barFill('anterior', 1, 2));
    });

    it('moves the plot down to make room for the longer legend', () => {
      expect(series.legend.rows).toHaveLength(3);
      expect(series.plot.top).toBeGreaterThan(beforeAfter.plot.top);
    });
  });

  describe('when a level is measured in only some time points', () => {
    const withT11 = { label: '2026-09-15', spine: spine({ T11: { anteriorMm: 22.1, middleMm: 21.8, posteriorMm: 23 }, T12, L1: wedgeL1 }) };
    const withL2 = { label: '2026-09-17', spine: spine({ L1: postKyphoplastyL1, L2 }) };
    const model = buildChartModel([withT11, withL2]);

    it('shows every level measured in any time point, cranial to caudal', () => {
      expect(model.levels.map((l) => l.level)).toEqual(['T11', 'T12', 'L1', 'L2']);
    });

    it('draws bars only where measured and marks the empty slots', () => {
      expect(model.bars).toHaveLength((3 + 2) * 3);
      expect(model.gaps.map((g) => `${g.level} ${g.heightKind} ${g.timePointIndex}`)).toEqual([
        'T11 anterior 1', 'T11 middle 1', 'T11 posterior 1',
        'T12 anterior 1', 'T12 middle 1', 'T12 posterior 1',
        'L2 anterior 0', 'L2 middle 0', 'L2 posterior 0',
      ]);
    });

    it('draws a trend line only through two or more measured points', () => {
      const threePoints = buildChartModel([withT11, withL2, postOp]);
      // T11 is measured once only: no line.
      expect(threePoints.trends.map((t) => `${t.level} ${t.points.length}`)).toEqual([
        'T12 2', 'T12 2', 'T12 2', 'L1 3', 'L1 3', 'L1 3', 'L2 2', 'L2 2', 'L2 2',
      ]);
    });
  });

  it('uses the given size', () => {
    const model = buildChartModel([baseline, postOp], { width: 1000, height: 500 });
    expect([model.width, model.height, model.plot.right, model.plot.bottom]).toEqual([1000, 500, 984, 456]);
  });

  it('draws empty axes (0–10 mm) when nothing is measured', () => {
    const model = buildChartModel([]);
    expect([model.levels, model.bars, model.trends]).toEqual([[], [], []]);
    expect(model.yAxis.maxMm).toBe(10);
  });

  it('refuses a size that leaves no room for the plot', () => {
    expect(() => buildChartModel([baseline, postOp], { width: 60, height: 100 })).toThrow(RangeError);
  });
});
