import type { Page } from 'playwright-core';

/**
 * The page's main-thread tasks over a stretch of a benchmark, from a Chromium trace (DevTools protocol `Tracing`):
 * each task's wall time and the CPU time its thread actually had, and what it ran. A task much longer in wall time
 * than in CPU time waited for a core (a loaded machine), not for the page's own work. For benchmarks only: figures,
 * not assertions.
 */

/** One task of the page's main thread (the renderer's `CrRendererMain`). */
export interface MainThreadTask {
  readonly wallMs: number;
  /** CPU time of the thread during the task (the trace's thread clock). */
  readonly cpuMs: number;
  /** What the task ran, in words (see describeTask). */
  readonly what: string;
}

export interface MainThreadRecord {
  /** Tasks of at least `longTaskMs`, longest first. */
  readonly longTasks: readonly MainThreadTask[];
  /** CPU time of all the main thread's tasks in the stretch, ms. */
  readonly cpuMs: number;
  readonly tasks: number;
}

/** One event of a Chromium trace (the fields the bench's trace readers use). */
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly functionName?: string; readonly type?: string } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.gc', 'toplevel', 'gpu'];
/** The page's wait for the GPU process to finish its queued work (a synchronous WebGL call such as getError). */
const GPU_WAIT = 'ImplementationBase::WaitForCmd';
const TASK = 'ThreadControllerImpl::RunTask';

/** Runs `stretch` while tracing the page's main thread; returns its long tasks (≥ `longTaskMs`) and its CPU time. */
export async function traceMainThread(page: Page, stretch: () => Promise<void>, longTaskMs = 50): Promise<MainThreadRecord> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => {
    events.push(...(event.value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    await stretch();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { longTasks: [], cpuMs: 0, tasks: 0 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === TASK);
  const longTasks = tasks
    .filter((t) => t.dur! / 1000 >= longTaskMs)
    .map((t) => ({ wallMs: t.dur! / 1000, cpuMs: (t.tdur ?? t.dur!) / 1000, what: describeTask(t, onMain) }))
    .sort((a, b) => b.wallMs - a.wallMs);
  return { longTasks, cpuMs: tasks.reduce((sum, t) => sum + (t.tdur ?? 0) / 1000, 0), tasks: tasks.length };
}

/**
 * A task's work in words, from the events inside it: the worker's answer and what the page did on it (e.g. copying
 * and posting the next chunk of a hand-over), an animation frame (cornerstone's rendering), garbage collection, or
 * the script that ran longest.
 */
function describeTask(task: TraceEvent, onMain: readonly TraceEvent[]): string {
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
  const gcMs = inside.filter((e) => e.name === 'MajorGC' || e.name === 'MinorGC').reduce((sum, e) => sum + e.dur! / 1000, 0);
  const longest = (name: string) => inside.filter((e) => e.name === name).sort((a, b) => b.dur! - a.dur!)[0];
  const script = longest('FunctionCall');
  const named = script?.args?.data?.functionName ? ` (${script.args.data.functionName})` : '';
  const parts: string[] = [];
  if (inside.some((e) => e.name === 'HandlePostMessage')) parts.push('a worker message and the page\'s answer to it');
  else if (inside.some((e) => e.name === 'FireAnimationFrame')) parts.push(`an animation frame${named}`);
  else if (inside.some((e) => e.name === 'EventDispatch')) parts.push(`an input event${named}`);
  else if (inside.some((e) => e.name === 'TimerFire')) parts.push(`a timer${named}`);
  else parts.push(script ? `script${named}` : longest('EventDispatch')?.name ?? 'browser work');
  if (gcMs >= 1) parts.push(`GC ${gcMs.toFixed(0)} ms`);
  const gpuWaitMs = inside.filter((e) => e.name === GPU_WAIT).reduce((sum, e) => sum + e.dur! / 1000, 0);
  if (gpuWaitMs >= 1) parts.push(`waiting ${gpuWaitMs.toFixed(0)} ms for the GPU process (a synchronous WebGL call)`);
  return parts.join(', ');
}
