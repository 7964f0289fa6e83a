import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { sixPoints, type Heights } from '../helpers/sagittalSpine';
import { assessSpine, type SpinalLevel, type SpineAssessment } from '../../measurement';
import { at, expectOk } from '../../measurement/testing/results';
import { buildChartModel, type ChartModel, type ChartTimePoint } from '../../viewer/model/comparisonChartModel';

// Rendered to markup in node (no DOM); attributes are read back with regular expressions.

// tsconfig.node.json, which type-checks tests, sets no "jsx", so TypeScript refuses to resolve a .tsx module from here
// (TS6142): the component is imported at run time and typed by its props.
const CHART_MODULE = '../../viewer/panels/ComparisonChart.tsx';
const { ComparisonChart } = (await import(/* @vite-ignore */ CHART_MODULE)) as {
  ComparisonChart: FunctionComponent<{ model: ChartModel; title: string }>;
};



/** Constructed T12 (biconcave, grade 1) and L2 (normal) around an L1 given per time point; bodies 40 mm apart. */
function spine(l1: Heights): SpineAssessment {
  const levels: Array<[SpinalLevel, Heights, number]> = [
    ['T12', { anteriorMm: 23.28, middleMm: 18.72, posteriorMm: 24 }, 40],
    ['L1', l1, 0],
    ['L2', { anteriorMm: 26.46, middleMm: 25.93, posteriorMm: 27 }, -40],
  ];
  return expectOk(assessSpine(levels.map(([level, heights, baseMm]) => ({ level, points: sixPoints(heights, baseMm) }))));
}

/** Constructed: L1 wedge fracture (Ha 16.58 of Hp 25.5 mm), after kyphoplasty, and three months later. */
const baseline: ChartTimePoint = { label: '2026-09-15', spine: spine({ anteriorMm: 16.58, middleMm: 20.24, posteriorMm: 25.5 }) };
const postOp: ChartTimePoint = { label: '2026-09-17', spine: spine({ anteriorMm: 22.95, middleMm: 23.42, posteriorMm: 25.5 }) };
const threeMonths: ChartTimePoint = { label: '2026-12-15', spine: spine({ anteriorMm: 22.1, middleMm: 23.1, posteriorMm: 25.4 }) };

function render(model: ChartModel, title = 'L1 kyphoplasty: heights before and after'): string {
  return renderToStaticMarkup(createElement(ComparisonChart, { model, title }));
}

/** The attributes of every element whose data-testid is `testId`, as name → value. */
function elementsByTestId(markup: string, testId: string): Array<Record<string, string>> {
  const tags = markup.match(new RegExp(`<[a-z]+ [^>]*data-testid="${testId}"[^>]*>`, 'g')) ?? [];
  return tags.map((tag) => Object.fromEntries([...tag.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]])));
}

const HEIGHT_KEYS = { anterior: 'anteriorMm', middle: 'middleMm', posterior: 'posteriorMm' } as const;

describe('ComparisonChart', () => {
  const model = buildChartModel([baseline, postOp]);
  const markup = render(model);

  it('is an svg image named by its title', () => {
    expect(markup).toMatch(/^<svg [^>]*data-testid="comparison-chart"/);
    expect(markup).toMatch(/^<svg [^>]*role="img"/);
    const labelledBy = /aria-labelledby="([^"]*)"/.exec(markup)?.[1]?.split(' ') ?? [];
    expect(labelledBy).toHaveLength(2);
    expect(markup).toContain(`<title id="${labelledBy[0]}">L1 kyphoplasty: heights before and after</title>`);
    expect(markup).toContain(`<desc id="${labelledBy[1]}">`);
    expect(markup).toContain('T12, L1, L2');
  });

  it('has its size and a view box, so that it can be saved as a file', () => {
    expect(markup).toMatch(/^<svg [^>]*viewBox="0 0 720 360"[^>]*width="720" height="360"/);
  });

  it('draws one bar per level, height and time point, each carrying its unrounded height in mm', () => {
    const bars = elementsByTestId(markup, 'chart-bar');
    expect(bars).toHaveLength(3 * 3 * 2);
    for (const bar of bars) {
      const spineAt = at([baseline, postOp], Number(bar['data-time-point'])).spine;
      const level = spineAt.levels.find((l) => l.level === bar['data-level']);
      const key = HEIGHT_KEYS[bar['data-height'] as keyof typeof HEIGHT_KEYS];
      expect(Number(bar['data-value'])).toBe(level?.heights[key]);
    }
    const l1Anterior = bars.filter((b) => b['data-level'] === 'L1' && b['data-height'] === 'anterior');
    expect(l1Anterior.map((b) => [b['data-time-point'], Number(b['data-value'])])).toEqual([
      ['0', at(baseline.spine.levels, 1).heights.anteriorMm],
      ['1', at(postOp.spine.levels, 1).heights.anteriorMm],
    ]);
  });

  it('draws bars at the positions of the model, filled with its colours', () => {
    const bars = elementsByTestId(markup, 'chart-bar');
    bars.forEach((bar, i) => {
      expect(Number(bar.height)).toBeCloseTo(at(model.bars, i).height, 2);
      expect(Number(bar.y)).toBeCloseTo(at(model.bars, i).y, 2);
      expect(bar.fill).toBe(at(model.bars, i).fill);
    });
  });

  it('gives each bar a tooltip with its value', () => {
    expect(markup).toContain('<title>L1 Ha 2026-09-15: 16.6 mm</title>');
  });

  it('labels the y axis in mm, the levels and the three heights of each level', () => {
    for (const tick of ['0', '5', '10', '15', '20', '25', '30']) expect(markup).toMatch(new RegExp(`>${tick}</text>`));
    expect(markup).toContain('>Height (mm)</text>');
    for (const level of ['T12', 'L1', 'L2']) expect(markup).toContain(`>${level}</text>`);
    expect(markup.match(/>Ha<\/text>/g)).toHaveLength(3 + 1);
  });

  it('has a legend entry per time point', () => {
    expect(markup).toContain('>2026-09-15</text>');
    expect(markup).toContain('>2026-09-17</text>');
  });

  it('draws no trend line for two time points', () => {
    expect(elementsByTestId(markup, 'chart-trend')).toEqual([]);
  });

  it('draws a trend line per level and height for three time points', () => {
    const trends = elementsByTestId(render(buildChartModel([baseline, postOp, threeMonths])), 'chart-trend');
    expect(trends).toHaveLength(9);
    expect(at(trends, 0).points?.split(' ')).toHaveLength(3);
  });

  it('is self-contained: no classes, style sheets, links or external images', () => {
    expect(markup).not.toMatch(/class=|<style|<link|href=|url\(|<image/);
  });

  it('escapes the title', () => {
    expect(render(model, 'T12 & L1 <before/after>')).toContain('<title id="');
    expect(render(model, 'T12 & L1 <before/after>')).toContain('T12 &amp; L1 &lt;before/after&gt;</title>');
  });

  it('says so when nothing is measured', () => {
    const empty = render(buildChartModel([]));
    expect(elementsByTestId(empty, 'chart-bar')).toEqual([]);
    expect(empty).toContain('No vertebra measured');
  });
});
