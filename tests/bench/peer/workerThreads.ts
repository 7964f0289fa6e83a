import { readdirSync, readFileSync } from 'node:fs';
import { CLOCK_TICKS_PER_S, processTree, processType } from './processTree';
/** Chromium names a Web Worker's thread "DedicatedWorker thread"; /proc keeps the first 15 characters. */
const WORKER_THREAD_NAME = 'DedicatedWorker';

/**
 * CPU seconds of each Web Worker thread of the tree's renderers, largest first: how many workers a page started (the
 * decode workers, and the image-analysis worker once asked for) and how much each did.
 */
export function workerThreadCpuSeconds(rootPid: number): number[] {
  const seconds: number[] = [];
  for (const pid of processTree(rootPid)) {
    if (processType(pid) !== 'renderer') continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')) !== WORKER_THREAD_NAME) continue;
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        seconds.push((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return seconds.sort((a, b) => b - a);
}
