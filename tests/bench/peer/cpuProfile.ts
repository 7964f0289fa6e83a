/** A CPU profile of the page's main thread as Chrome DevTools writes it (Profiler.Profile). */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }>;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** One function's share of a profile: time spent in its own code (not its callees), ms. */
export interface SelfTime {
  readonly name: string;
  readonly selfMs: number;
}

/** The functions with the most self time, largest first; `(idle)` and `(program)` are kept, as they say how busy. */
export function topSelfTimes(profile: CpuProfile, count: number): SelfTime[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byNode.get(samples[i] ?? -1);
    if (frame === undefined) continue;
    const file = frame.url.split('/').pop() ?? '';
    const name = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    totals.set(name, (totals.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return [...totals.entries()].map(([name, selfMs]) => ({ name, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, count);
}
