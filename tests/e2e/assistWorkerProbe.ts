import type { Page } from 'playwright-core';

/**
 * A look at the messages between the page and the analysis worker, from outside the app: an init script wraps
 * `Worker` and `Worker.prototype.postMessage` and records each request (its type, when it was posted) and each answer
 * (when it came back), and records the page's long tasks (> 50 ms on its thread). Browser tests count the volume hand-overs
 * with it; the browser benchmark reads the hand-over's stages from it.
 */

/** One request to the analysis worker or one of its answers, page time in ms. */
export interface ProbeEntry {
  readonly direction: 'out' | 'in';
  readonly requestId: number;
  /** The request's type ('beginVolume', 'volumeChunk', 'endVolume', 'propose', …); on an answer, its request's. */
  readonly type: string;
  readonly atMs: number;
  readonly ok?: boolean;
  /** An analysis request's click(s) and plane directions (not its image), or an analysis answer's value. */
  readonly detail?: unknown;
  /** A volume chunk's size in bytes (its voxels' array). */
  readonly bytes?: number;
}

export interface ProbeRecord {
  readonly messages: readonly ProbeEntry[];
  readonly longTasks: readonly { readonly startMs: number; readonly durationMs: number }[];
}

/** The init script (runs in the page before its own code; self-contained, as page.addInitScript needs). */
export function installWorkerProbe(): void {
  const messages: { direction: 'out' | 'in'; requestId: number; type: string; atMs: number; ok?: boolean; detail?: unknown; bytes?: number }[] = [];
  const volumeTypes = ['beginVolume', 'volumeChunk', 'endVolume'];
  const longTasks: { startMs: number; durationMs: number }[] = [];
  const typeOf = new Map<number, string>();
  (window as unknown as { assistWorkerProbe: unknown }).assistWorkerProbe = { messages, longTasks };
  // No named function expressions here: tsx (esbuild keepNames) would wrap them in a helper the page does not have.
  const NativeWorker = window.Worker;
  // Each worker's answers are recorded by a listener added at its construction, so before the page's own handler runs
  // (and before whatever the page does next in answer).
  window.Worker = function (url: string | URL, options?: WorkerOptions): Worker {
    const worker = new NativeWorker(url, options);
    worker.addEventListener('message', (event: MessageEvent<{ requestId?: unknown; ok?: unknown; value?: unknown }>) => {
      const id = event.data.requestId;
      const type = typeof id === 'number' ? typeOf.get(id) : undefined;
      if (typeof id === 'number' && type !== undefined) {
        const detail = volumeTypes.includes(type) ? {} : { detail: event.data.value };
        messages.push({ direction: 'in', requestId: id, type, atMs: performance.now(), ok: event.data.ok === true, ...detail });
      }
    });
    return worker;
  } as unknown as typeof Worker;
  (window.Worker as unknown as { prototype: Worker }).prototype = NativeWorker.prototype;
  const post = NativeWorker.prototype.postMessage;
  NativeWorker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    const request = message as { requestId?: unknown; type?: unknown; clickMm?: unknown; firstMm?: unknown; lastMm?: unknown; planeAxes?: unknown; values?: unknown } | null;
    if (request !== null && typeof request === 'object' && typeof request.requestId === 'number' && typeof request.type === 'string') {
      typeOf.set(request.requestId, request.type);
      const { clickMm, firstMm, lastMm, planeAxes } = request;
      const { values } = request;
      const detail = volumeTypes.includes(request.type)
        ? (ArrayBuffer.isView(values) ? { bytes: values.byteLength } : {})
        : { detail: { clickMm, firstMm, lastMm, planeAxes } };
      messages.push({ direction: 'out', requestId: request.requestId, type: request.type, atMs: performance.now(), ...detail });
    }
    return (post as (...args: unknown[]) => void).apply(this, [message, ...rest]);
  } as typeof Worker.prototype.postMessage;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // A browser without long-task timing: the record simply has none.
  }
}

/** What the probe has recorded so far. */
export function probeRecord(page: Page): Promise<ProbeRecord> {
  return page.evaluate(() => {
    const probe = (window as unknown as { assistWorkerProbe?: { messages: ProbeEntry[]; longTasks: ProbeRecord['longTasks'] } }).assistWorkerProbe;
    return { messages: [...(probe?.messages ?? [])], longTasks: [...(probe?.longTasks ?? [])] };
  });
}

/** How many requests of a type the page has posted to the analysis worker. */
export function postedCount(record: ProbeRecord, type: string): number {
  return record.messages.filter((m) => m.direction === 'out' && m.type === type).length;
}

/** Waits until the worker has answered a request of this type (`count` of them), e.g. the end of a volume hand-over. */
export async function waitForAnswer(page: Page, type: string, count = 1, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(
    ([t, n]) => {
      const probe = (window as unknown as { assistWorkerProbe?: { messages: ProbeEntry[] } }).assistWorkerProbe;
      return (probe?.messages.filter((m) => m.direction === 'in' && m.type === t).length ?? 0) >= n;
    },
    [type, count] as const,
    { timeout: timeoutMs },
  );
}
