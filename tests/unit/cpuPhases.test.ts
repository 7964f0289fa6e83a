import { describe, expect, it } from 'vitest';
import { cpuPhases, cpuPhasesText } from '../bench/peer/cpuPhases';

/**
 * The peer benchmark's split of a session's CPU at the page's marks (tests/bench/peer/cpuPhases.ts): cumulative CPU
 * seconds per process type sampled on the browser's clock, the marks in ms since navigation.
 */
describe("a session's CPU split at the page's marks", () => {
  // Navigation at 1,000 ms on the sampler's clock; the GPU process busy from 1,500 ms, the renderer throughout.
  const timeline = [0, 1000, 1500, 2000, 2500, 3000, 3500].map((ms) => ({
    ms,
    byType: { renderer: ms / 1000, 'gpu-process': Math.max(0, ms - 1500) / 2000 },
  }));
  const marks = [
    { name: 'mark vhv:entry', startMs: 50, endMs: 50 },
    { name: 'mark vhv:engine-ready', startMs: 750, endMs: 750 },
    { name: '/frames/1', startMs: 100, endMs: 900 },
    { name: 'mark vhv:frames-arrived', startMs: 1750, endMs: 1750 },
  ];

  it('gives each phase the CPU spent between its marks, interpolated between samples', () => {
    const phases = cpuPhases(timeline, 1000, marks);
    expect(phases.map((p) => [p.fromLabel, p.toLabel, p.fromMs, p.toMs])).toEqual([
      ['navigation', 'engine-ready', 0, 750],
      ['engine-ready', 'frames-arrived', 750, 1750],
      ['frames-arrived', 'end', 1750, 2500],
    ]);
    expect(phases[0]!.byType.renderer).toBeCloseTo(0.75, 6);
    expect(phases[0]!.byType['gpu-process']).toBeCloseTo(0.125, 6);
    expect(phases[1]!.byType.renderer).toBeCloseTo(1, 6);
    expect(phases[1]!.byType['gpu-process']).toBeCloseTo(0.5, 6);
    expect(phases[2]!.byType['gpu-process']).toBeCloseTo(0.375, 6);
    expect(cpuPhasesText(phases)).toBe(
      'navigation→engine-ready 0–750 ms: renderer 0.75, gpu-process 0.13; engine-ready→frames-arrived 750–1750 ms: renderer 1.00, gpu-process 0.50; ' +
        'frames-arrived→end 1750–2500 ms: renderer 0.75, gpu-process 0.38',
    );
  });

  it('merges the phases either side of a missing mark', () => {
    const phases = cpuPhases(timeline, 1000, marks.filter((m) => m.name !== 'mark vhv:frames-arrived'));
    expect(phases.map((p) => p.toLabel)).toEqual(['engine-ready', 'end']);
    expect(phases[1]!.byType.renderer).toBeCloseTo(1.75, 6);
    expect(cpuPhases([], 0, marks)).toEqual([]);
  });
});
