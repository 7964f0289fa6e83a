// @vitest-environment jsdom
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { sixPoints, type Heights } from '../helpers/sagittalSpine';
import { assessSpine, type SpinalLevel, type SpineAssessment } from '../../measurement';
import { expectOk } from '../../measurement/testing/results';
import { svgSize, svgToPngBlob, svgToStandaloneString } from '../../viewer/export/chartImage';
import { buildChartModel, type ChartModel } from '../../viewer/model/comparisonChartModel';

// tsconfig.node.json, which type-checks tests, sets no "jsx", so TypeScript refuses to resolve a .tsx module from here
// (TS6142): the component is imported at run time and typed by its props.
const CHART_MODULE = '../../viewer/panels/ComparisonChart.tsx';
const { ComparisonChart } = (await import(/* @vite-ignore */ CHART_MODULE)) as {
  ComparisonChart: FunctionComponent<{ model: ChartModel; title: string }>;
};

const SVG_NS = 'http://www.w3.org/2000/svg';



/** Constructed T12 (biconcave), L1 as given, L2 (normal); bodies 40 mm apart. */
function spine(l1: Heights): SpineAssessment {
  const levels: Array<[SpinalLevel, Heights, number]> = [
    ['T12', { anteriorMm: 23.28, middleMm: 18.72, posteriorMm: 24 }, 40],
    ['L1', l1, 0],
    ['L2', { anteriorMm: 26.46, middleMm: 25.93, posteriorMm: 27 }, -40],
  ];
  return expectOk(assessSpine(levels.map(([level, heights, baseMm]) => ({ level, points: sixPoints(heights, baseMm) }))));
}

const model = buildChartModel([
  { label: '2026-09-15', spine: spine({ anteriorMm: 16.58, middleMm: 20.24, posteriorMm: 25.5 }) },
  { label: '2026-09-17', spine: spine({ anteriorMm: 22.95, middleMm: 23.42, posteriorMm: 25.5 }) },
]);

/** The chart as the browser would have it: rendered into a page, an <svg> in the SVG namespace. */
function chartOnPage(title = 'L1 before & after kyphoplasty'): SVGSVGElement {
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(createElement(ComparisonChart, { model, title }));
  document.body.append(host);
  const svg = host.querySelector('svg');
  if (svg === null) throw new Error('no svg rendered');
  return svg;
}

function parseSvg(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

function svgElement(attributes: Record<string, string>): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  return svg;
}

describe('svgToStandaloneString', () => {
  it('writes a well-formed SVG file with an XML declaration and the SVG namespace, declared once', () => {
    const text = svgToStandaloneString(chartOnPage());
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(text.match(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(1);
    const root = parseSvg(text).documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(root.localName).toBe('svg');
  });

  it('gives the file the chart size and drops the on-page sizing style', () => {
    const root = parseSvg(svgToStandaloneString(chartOnPage())).documentElement;
    expect([root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')]).toEqual(['720', '360', '0 0 720 360']);
    expect(root.hasAttribute('style')).toBe(false);
  });

  it('keeps every bar with its value, the title and the escaped text', () => {
    const doc = parseSvg(svgToStandaloneString(chartOnPage()));
    const bars = Array.from(doc.querySelectorAll('[data-testid="chart-bar"]'));
    expect(bars).toHaveLength(18);
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual(model.bars.map((b) => b.valueMm));
    expect(doc.querySelector('svg > title')?.textContent).toBe('L1 before & after kyphoplasty');
  });

  it('refers to nothing outside the file', () => {
    const doc = parseSvg(svgToStandaloneString(chartOnPage()));
    const external = Array.from(doc.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes).filter((a) => a.localName === 'href' || a.localName === 'src' || /url\(/.test(a.value)).map((a) => a.name),
    );
    expect(external).toEqual([]);
    expect(doc.querySelectorAll('image, style, link, foreignObject, script')).toHaveLength(0);
  });

  it('does not change the chart on the page', () => {
    const svg = chartOnPage();
    const before = svg.outerHTML;
    svgToStandaloneString(svg);
    expect(svg.outerHTML).toBe(before);
  });

  it.each<[string, Record<string, string>, [number, number]]>([
    ['plain numbers', { width: '400', height: '300', viewBox: '0 0 800 600' }, [400, 300]],
    ['pixels', { width: '400px', height: '300px' }, [400, 300]],
    ['the viewBox when the width is a percentage', { width: '100%', viewBox: '0 0 800 600' }, [800, 600]],
    ['the viewBox with commas', { viewBox: '0,0,640,480' }, [640, 480]],
  ])('sizes the file from %s', (_case, attributes, [width, height]) => {
    const svg = svgElement(attributes);
    expect(svgSize(svg)).toEqual({ width, height });
    const root = parseSvg(svgToStandaloneString(svg)).documentElement;
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual([String(width), String(height)]);
  });

  it('refuses an SVG without any size', () => {
    expect(() => svgToStandaloneString(svgElement({}))).toThrow(RangeError);
  });

  it('refuses an element outside the SVG namespace', () => {
    const html = document.createElement('svg') as unknown as SVGSVGElement;
    expect(() => svgToStandaloneString(html)).toThrow(TypeError);
  });

  it('writes a framework-set xmlns attribute only once', () => {
    const svg = svgElement({ width: '10', height: '10' });
    svg.setAttribute('xmlns', SVG_NS);
    expect(svgToStandaloneString(svg).match(/xmlns=/g)).toHaveLength(1);
  });
});

describe('svgToPngBlob', () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a scale of %s', async (scale) => {
    await expect(svgToPngBlob(chartOnPage(), scale)).rejects.toThrow(RangeError);
  });
});
