import type { TraceEvent } from '../mainThreadTrace';

/** Own time per event name on one thread, ms, how often each occurred, and the time of the top-level events. */
export interface OwnTimes {
  readonly ownMs: ReadonlyMap<string, { ms: number; count: number }>;
  readonly topLevelMs: number;
}

/**
 * Each event name's own time on one thread: `measureMs` of each event (e.g. its thread time, or its part of a window)
 * less that of the events nested in it by time. `sorted`: complete events (`dur` set) of one thread, by start, the
 * longer first when two start together.
 */
export function ownTimes(sorted: readonly TraceEvent[], measureMs: (event: TraceEvent) => number): OwnTimes {
  const ownMs = new Map<string, { ms: number; count: number }>();
  const stack: Array<{ event: TraceEvent; childMs: number }> = [];
  let topLevelMs = 0;
  const close = (frame: { event: TraceEvent; childMs: number }) => {
    const ms = measureMs(frame.event);
    const entry = ownMs.get(frame.event.name) ?? { ms: 0, count: 0 };
    entry.ms += Math.max(0, ms - frame.childMs);
    entry.count += 1;
    ownMs.set(frame.event.name, entry);
    const parent = stack.at(-1);
    if (parent) parent.childMs += ms;
    else topLevelMs += ms;
  };
  for (const event of sorted) {
    while (stack.length > 0 && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= event.ts) close(stack.pop()!);
    stack.push({ event, childMs: 0 });
  }
  while (stack.length > 0) close(stack.pop()!);
  return { ownMs, topLevelMs };
}
