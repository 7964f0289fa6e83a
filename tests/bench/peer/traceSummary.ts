import { readFileSync } from 'node:fs';
import type { TraceEvent } from '../mainThreadTrace';
import { gpuWaits } from './gpuWaits';
import { ownTimes } from './traceOwnTime';

/**
 * Where each Chromium process's CPU went in a trace written by `npm run bench:peer -- --trace` (one file per session
 * of ours): per process and thread, the thread time of its top-level trace events, and the event names with the most
 * self thread time (an event's own time less that of the events nested in it on the same thread). Figures for
 * attribution only: tracing costs CPU itself.
 *
 * With `--waits MS`, also each wait of the page's main thread on the GPU process of at least MS ms, the WebGL call
 * that waited and what the GPU process's main thread did meanwhile (gpuWaits.ts).
 *
 *   npx tsx tests/bench/peer/traceSummary.ts FILE.trace.json [--top 20] [--count NAME,NAME] [--waits 20]
 */

/** Self thread time per event name on one thread, ms, and how often each occurred. */
interface ThreadSummary {
  readonly process: string;
  readonly thread: string;
  readonly topLevelMs: number;
  readonly selfMs: ReadonlyMap<string, { ms: number; count: number }>;
}

/** Complete events of one thread, nested by time, with self thread time = own tdur − children's tdur. */
function summariseThread(process: string, thread: string, events: readonly TraceEvent[]): ThreadSummary {
  const sorted = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.tdur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const { ownMs, topLevelMs } = ownTimes(sorted, (e) => e.tdur! / 1000);
  return { process, thread, topLevelMs, selfMs: ownMs };
}

function main(): void {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: traceSummary.ts FILE.trace.json [--top N] [--count NAME,NAME] [--waits MS]');
  const topIndex = rest.indexOf('--top');
  const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 15;
  const countIndex = rest.indexOf('--count');
  const counted = countIndex >= 0 ? (rest[countIndex + 1] ?? '').split(',') : [];
  const { traceEvents } = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] };
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const e of traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? String(e.pid));
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? String(e.tid));
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of traceEvents) {
    if (e.ph !== 'X') continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const summaries = [...byThread].map(([key, events]) => {
    const pid = Number(key.split(':')[0]);
    return summariseThread(processNames.get(pid) ?? String(pid), threadNames.get(key) ?? key, events);
  });
  summaries.sort((a, b) => b.topLevelMs - a.topLevelMs);
  for (const s of summaries.filter((t) => t.topLevelMs >= 50)) {
    console.log(`${s.process} / ${s.thread}: ${(s.topLevelMs / 1000).toFixed(2)} s of thread time in traced events`);
    const names = [...s.selfMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
    for (const [name, { ms, count }] of names) console.log(`  ${ms.toFixed(0).padStart(7)} ms self  ${String(count).padStart(6)}×  ${name}`);
  }
  const waitsIndex = rest.indexOf('--waits');
  if (waitsIndex >= 0) {
    const minMs = Number(rest[waitsIndex + 1] ?? 20);
    console.log(`the page's main thread waiting on the GPU process (≥ ${minMs} ms; ms after its first traced event):`);
    for (const wait of gpuWaits(traceEvents, minMs)) {
      const meanwhile = wait.gpuMainMs.slice(0, 4).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
      console.log(`  ${wait.atMs.toFixed(0).padStart(7)} ms  ${wait.waitMs.toFixed(0).padStart(5)} ms in ${wait.call}; GPU main thread meanwhile (own ms): ${meanwhile}`);
    }
  }
  for (const name of counted) {
    const all = traceEvents.filter((e) => e.name === name && (e.ph === 'X' || e.ph === 'B' || e.ph === 'I' || e.ph === 'i'));
    console.log(`${name}: ${all.length} events`);
  }
}

main();
