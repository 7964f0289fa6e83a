import type { TraceEvent } from '../mainThreadTrace';
import { ownTimes } from './traceOwnTime';

/**
 * The page's main thread waiting on the GPU process, from a trace of `npm run bench:peer -- --trace`, and what the GPU
 * process's main thread did meanwhile. A CPU profile names the WebGL call that waited (e.g. `getShaderParameter`), not
 * what it waited for: a call that needs an answer waits until the GPU process has run every command sent before it
 * (slice uploads, texture allocation, a compositor frame's read-back), and only then its own. Figures for attribution,
 * not assertions.
 */

/** Trace events of the renderer's command buffer client that are the page's thread waiting on the GPU process. */
const WAIT_EVENTS: ReadonlySet<string> = new Set(['CommandBufferHelper::Finish', 'CommandBufferProxyImpl::WaitForToken']);

/** One wait of the page's main thread on the GPU process. */
export interface GpuWait {
  /** When it began, ms after the page's main thread's first traced event. */
  readonly atMs: number;
  readonly waitMs: number;
  /**
   * The innermost GLES call around the wait (e.g. `GLES2Implementation::GetShaderiv`), else the wait's own event (a
   * texture upload waiting for room in the transfer buffer is `CommandBufferProxyImpl::WaitForToken` alone).
   */
  readonly call: string;
  /** The GPU process's main thread during the wait: ms of each event's own time (not its children's), largest first. */
  readonly gpuMainMs: ReadonlyArray<readonly [name: string, ms: number]>;
}

/** Complete events of one thread, with the key `pid:tid` of the thread named `thread` in a process named `process`. */
function threadEvents(events: readonly TraceEvent[], process: string, thread: string): TraceEvent[] {
  const pids = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === process).map((e) => e.pid));
  const threads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === thread && pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.ph === 'X' && e.dur !== undefined && threads.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
}

const endOf = (e: TraceEvent): number => e.ts + e.dur!;

/** Microseconds of [a, b) that `e` covers. */
function overlapUs(e: TraceEvent, a: number, b: number): number {
  return Math.max(0, Math.min(b, endOf(e)) - Math.max(a, e.ts));
}

/**
 * Every wait of the page's main thread (a `Renderer` process's `CrRendererMain`) on the GPU process of at least
 * `minMs`, outermost only, in time order, with the GPU process's main thread (`CrGpuMain`) meanwhile.
 */
export function gpuWaits(events: readonly TraceEvent[], minMs: number): GpuWait[] {
  const page = threadEvents(events, 'Renderer', 'CrRendererMain');
  const gpu = threadEvents(events, 'GPU Process', 'CrGpuMain');
  if (page.length === 0) return [];
  const startUs = page[0]!.ts;
  const waits = page.filter((e) => WAIT_EVENTS.has(e.name) && e.dur! >= minMs * 1000);
  const outermost = waits.filter((w) => !waits.some((other) => other !== w && other.ts <= w.ts && endOf(w) <= endOf(other) && other.dur! > w.dur!));
  return outermost.map((wait) => {
    const calls = page.filter((e) => e.name.startsWith('GLES2') && e.ts <= wait.ts && endOf(wait) <= endOf(e));
    const call = calls.reduce<TraceEvent | undefined>((inner, e) => (inner === undefined || e.dur! < inner.dur! ? e : inner), undefined);
    const { ownMs } = ownTimes(gpu.filter((e) => overlapUs(e, wait.ts, endOf(wait)) > 0), (e) => overlapUs(e, wait.ts, endOf(wait)) / 1000);
    return {
      atMs: (wait.ts - startUs) / 1000,
      waitMs: wait.dur! / 1000,
      call: call?.name ?? wait.name,
      gpuMainMs: [...ownMs].map(([name, { ms }]) => [name, ms] as const).filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]),
    };
  });
}
