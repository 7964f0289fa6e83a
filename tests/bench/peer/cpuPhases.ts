import type { CpuTimeline } from './processTree';
import type { TimelineEntry } from './startupPath';

/** The page's marks that split a session's CPU (loading/startupMark.ts), in the order they come. */
export const CPU_PHASE_MARKS = ['boot-run', 'engine-ready', 'frames-arrived'] as const;

/** CPU seconds per process type spent between two moments of a session (ms since navigation). */
export interface CpuPhase {
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly byType: Readonly<Record<string, number>>;
}

/** The cumulative CPU seconds per type at `ms` (sampler time), interpolated between the samples either side. */
function cumulativeAt(timeline: CpuTimeline, ms: number): Record<string, number> {
  const after = timeline.findIndex((sample) => sample.ms >= ms);
  if (after < 0) return { ...(timeline[timeline.length - 1]?.byType ?? {}) };
  const next = timeline[after]!;
  const previous = timeline[after - 1];
  if (previous === undefined || next.ms === previous.ms) return { ...next.byType };
  const share = (ms - previous.ms) / (next.ms - previous.ms);
  const out: Record<string, number> = {};
  for (const type of new Set([...Object.keys(previous.byType), ...Object.keys(next.byType)])) {
    const a = previous.byType[type] ?? 0;
    out[type] = a + share * ((next.byType[type] ?? 0) - a);
  }
  return out;
}

/**
 * A session's CPU per process type split at the page's marks: from navigation to `boot-run` (the entry chunk, the first
 * image, the boot chunk's download and evaluation), to `engine-ready` (the plan, the rendering engine's start), to
 * `frames-arrived` (the volume streaming in) and to the session's last sample (the last frames' decode, the complete
 * renders). A missing mark merges its two phases.
 * `navigationAtMs` is when the page was opened on the timeline's clock; the marks are ms since then.
 */
export function cpuPhases(timeline: CpuTimeline, navigationAtMs: number, entries: readonly TimelineEntry[]): CpuPhase[] {
  const last = timeline[timeline.length - 1];
  if (last === undefined) return [];
  const bounds: { label: string; ms: number }[] = [{ label: 'navigation', ms: 0 }];
  for (const mark of CPU_PHASE_MARKS) {
    const entry = entries.find((e) => e.name === `mark vhv:${mark}`);
    if (entry !== undefined && entry.startMs > bounds[bounds.length - 1]!.ms) bounds.push({ label: mark, ms: entry.startMs });
  }
  bounds.push({ label: 'end', ms: Math.max(last.ms - navigationAtMs, bounds[bounds.length - 1]!.ms) });
  const phases: CpuPhase[] = [];
  for (let i = 1; i < bounds.length; i += 1) {
    const from = bounds[i - 1]!;
    const to = bounds[i]!;
    const a = cumulativeAt(timeline, navigationAtMs + from.ms);
    const b = cumulativeAt(timeline, navigationAtMs + to.ms);
    const byType: Record<string, number> = {};
    for (const type of Object.keys(b)) byType[type] = (b[type] ?? 0) - (a[type] ?? 0);
    phases.push({ fromLabel: from.label, toLabel: to.label, fromMs: from.ms, toMs: to.ms, byType });
  }
  return phases;
}

/** The phases in one line: `navigation→engine-ready 0–1702 ms: gpu-process 0.6, renderer 0.9 …` (types of ≥ 0.05 s). */
export function cpuPhasesText(phases: readonly CpuPhase[]): string {
  return phases
    .map((phase) => {
      const types = Object.entries(phase.byType)
        .filter(([, s]) => s >= 0.05)
        .sort((x, y) => y[1] - x[1])
        .map(([type, s]) => `${type} ${s.toFixed(2)}`);
      return `${phase.fromLabel}→${phase.toLabel} ${phase.fromMs}–${phase.toMs} ms: ${types.join(', ') || 'none'}`;
    })
    .join('; ');
}
