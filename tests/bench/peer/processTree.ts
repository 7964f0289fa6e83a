import { readFileSync, readdirSync } from 'node:fs';

/** Linux page size and clock ticks: what /proc/PID/statm and /proc/PID/stat count in. */
const PAGE_BYTES = 4096;
/** USER_HZ, the unit of utime/stime in /proc/PID/stat (100 on every mainstream Linux build). */
export const CLOCK_TICKS_PER_S = 100;

/** The PIDs of `rootPid` and all its descendants (via /proc/PID/task/TID/children, else a scan of /proc). */
export function processTree(rootPid: number): number[] {
  const tree: number[] = [];
  const queue = [rootPid];
  let childrenFilesWork = true;
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    const children = childrenOf(pid);
    if (children === null) {
      childrenFilesWork = false;
      break;
    }
    queue.push(...children);
  }
  return childrenFilesWork ? tree : treeByScan(rootPid);
}

function childrenOf(pid: number): number[] | null {
  try {
    const children: number[] = [];
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(/\s+/).map(Number));
    }
    return children;
  } catch (error) {
    // The process exited meanwhile: no children. A kernel without the children file: scan instead.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' && !isProcessGone(pid) ? null : [];
  }
}

function isProcessGone(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return false;
  } catch {
    return true;
  }
}

function treeByScan(rootPid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== null) parentOf.set(Number(entry), stat.ppid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Resident set size in bytes (/proc/PID/statm), or 0 when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(fields[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** Proportional set size in bytes (/proc/PID/smaps_rollup: shared pages divided among their sharers), 0 when gone. */
export function pssBytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Where a process's proportional set size lies (/proc/PID/smaps_rollup), bytes. */
export interface PssParts {
  readonly pss: number;
  /** Anonymous memory: heaps, the JS heap, array buffers, SwiftShader's textures. */
  readonly anon: number;
  /** File-backed mappings: the Chromium binary, fonts, ICU data. */
  readonly file: number;
  /** Shared memory (memfd, /dev/shm): the buffers Chromium's processes pass data through. */
  readonly shmem: number;
}

const NO_PSS: PssParts = { pss: 0, anon: 0, file: 0, shmem: 0 };

/** PSS and its anonymous / file / shared-memory parts (/proc/PID/smaps_rollup), zeros when the process is gone. */
export function pssParts(pid: number): PssParts {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { pss: field('Pss'), anon: field('Pss_Anon'), file: field('Pss_File'), shmem: field('Pss_Shmem') };
  } catch {
    return NO_PSS;
  }
}

/** User + system CPU time in clock ticks and the parent PID, or null when the process is gone. */
export function readStat(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: the fixed fields start after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Chromium's process type from its command line (`--type=renderer`, `gpu-process`, …); `browser` for the root. */
export function processType(pid: number): string {
  try {
    // Child processes rewrite their title: the arguments are then one string joined by spaces, not NULs.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
    if (type === undefined) return 'browser';
    // Utility processes say what they serve (network, storage, audio …).
    const service = args.find((arg) => arg.startsWith('--utility-sub-type='))?.slice('--utility-sub-type='.length);
    return type === 'utility' && service !== undefined ? `utility:${service.split('.')[0] ?? service}` : type;
  } catch {
    return 'gone';
  }
}

/** Cumulative CPU seconds per process type over time (ms since sampling started). */
export type CpuTimeline = ReadonlyArray<{ readonly ms: number; readonly byType: Readonly<Record<string, number>> }>;

export interface TreeSample {
  readonly rssBytes: number;
  readonly processCount: number;
}

export interface TreeSampler {
  /** Milliseconds since sampling started: the time base of the summary's timelines. */
  elapsedMs(): number;
  /** Stops sampling; returns the peaks and the CPU ticks the tree used while sampled. */
  stop(): TreeSummary;
}

export interface TreeSummary {
  readonly peakRssBytes: number;
  readonly peakPssBytes: number;
  readonly peakProcessCount: number;
  /** When the tree's RSS peaked (ms since sampling started) and each process type's RSS in that sample, bytes. */
  readonly peakRssAtMs: number;
  readonly rssByTypeAtPeak: Readonly<Record<string, number>>;
  /** The highest RSS seen per process type, bytes (not necessarily in the same sample). */
  readonly peakRssByType: Readonly<Record<string, number>>;
  /** The highest PSS seen per Chromium process type (renderer, gpu-process, browser …), bytes. */
  readonly peakPssByType: Readonly<Record<string, number>>;
  /** Per process type, the anonymous / file / shared-memory parts of its PSS at its peak, bytes. */
  readonly peakPssPartsByType: Readonly<Record<string, PssParts>>;
  /** PSS per process type over time (ms since sampling started), every PSS sample: when the memory is taken. */
  readonly pssTimeline: ReadonlyArray<{ readonly ms: number; readonly byType: Readonly<Record<string, number>> }>;
  /** RSS per process type over time, at the PSS samples' times, bytes. */
  readonly rssTimeline: ReadonlyArray<{ readonly ms: number; readonly byType: Readonly<Record<string, number>> }>;
  /**
   * CPU seconds (user + system) per process type since sampling started, at every sample (ms since sampling started):
   * when each process type's time was spent, to split it at the page's marks (cpuPhases.ts).
   */
  readonly cpuTimeline: CpuTimeline;
  readonly samples: number;
  /** CPU ticks used by the tree's processes while sampled (processes that exited count up to their last sample). */
  readonly cpuTicks: number;
  /** CPU seconds (user + system) per Chromium process type while sampled: where the browser's time goes. */
  readonly cpuSecondsByType: Readonly<Record<string, number>>;
}

/**
 * Samples the summed RSS of a process tree every `intervalMs` (and its PSS every `pssEveryN` samples: reading
 * smaps_rollup walks page tables, so it is kept rarer), keeping the peaks and each process's CPU ticks.
 */
export function startTreeSampler(rootPid: number, intervalMs = 100, pssEveryN = 5): TreeSampler {
  let peakRss = 0;
  let peakRssAtMs = 0;
  let rssByTypeAtPeak: Record<string, number> = {};
  const peakRssByType: Record<string, number> = {};
  const rssTimeline: Array<{ ms: number; byType: Record<string, number> }> = [];
  const cpuTimeline: Array<{ ms: number; byType: Record<string, number> }> = [];
  let peakPss = 0;
  let peakCount = 0;
  let samples = 0;
  const peakPssByType: Record<string, number> = {};
  const peakPssPartsByType: Record<string, PssParts> = {};
  const pssTimeline: Array<{ ms: number; byType: Record<string, number> }> = [];
  const startedMs = Date.now();
  const typeOf = new Map<number, string>();
  const firstTicks = new Map<number, number>();
  const lastTicks = new Map<number, number>();
  let tree = processTree(rootPid);
  /** The CPU ticks the tree's processes used since sampling started, and the seconds per process type. */
  const cpuSoFar = (): { ticks: number; byType: Record<string, number> } => {
    let ticks = 0;
    const byType: Record<string, number> = {};
    for (const [pid, last] of lastTicks) {
      const used = last - (firstTicks.get(pid) ?? 0);
      ticks += used;
      const type = typeOfPid(pid);
      byType[type] = (byType[type] ?? 0) + used / CLOCK_TICKS_PER_S;
    }
    return { ticks, byType };
  };
  const typeOfPid = (pid: number): string => {
    let type = typeOf.get(pid);
    if (type === undefined) {
      type = processType(pid);
      typeOf.set(pid, type);
    }
    return type;
  };
  const sample = (): void => {
    if (samples % 10 === 0) tree = processTree(rootPid); // new renderers and workers appear: rescan every second
    let rss = 0;
    let pss = 0;
    const withPss = samples % pssEveryN === 0;
    const partsOfType: Record<string, { pss: number; anon: number; file: number; shmem: number }> = {};
    const rssOfType: Record<string, number> = {};
    for (const pid of tree) {
      const type = typeOfPid(pid);
      const processRss = rssBytes(pid);
      rss += processRss;
      rssOfType[type] = (rssOfType[type] ?? 0) + processRss;
      if (withPss) {
        const parts = pssParts(pid);
        pss += parts.pss;
        const sum = (partsOfType[type] ??= { pss: 0, anon: 0, file: 0, shmem: 0 });
        sum.pss += parts.pss;
        sum.anon += parts.anon;
        sum.file += parts.file;
        sum.shmem += parts.shmem;
      }
      const stat = readStat(pid);
      if (stat !== null) {
        if (!firstTicks.has(pid)) firstTicks.set(pid, samples === 0 ? stat.cpuTicks : 0);
        lastTicks.set(pid, stat.cpuTicks);
      }
    }
    const cpuOfType = cpuSoFar().byType;
    const pssOfType: Record<string, number> = {};
    for (const [type, parts] of Object.entries(partsOfType)) {
      pssOfType[type] = parts.pss;
      if (parts.pss > (peakPssByType[type] ?? 0)) {
        peakPssByType[type] = parts.pss;
        peakPssPartsByType[type] = parts;
      }
    }
    const ms = Date.now() - startedMs;
    cpuTimeline.push({ ms, byType: cpuOfType });
    if (withPss) {
      pssTimeline.push({ ms, byType: pssOfType });
      rssTimeline.push({ ms, byType: rssOfType });
    }
    for (const [type, bytes] of Object.entries(rssOfType)) peakRssByType[type] = Math.max(peakRssByType[type] ?? 0, bytes);
    if (rss > peakRss) {
      peakRss = rss;
      peakRssAtMs = ms;
      rssByTypeAtPeak = rssOfType;
    }
    peakPss = Math.max(peakPss, pss);
    peakCount = Math.max(peakCount, tree.length);
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    elapsedMs: () => Date.now() - startedMs,
    stop() {
      clearInterval(timer);
      sample();
      const { ticks: cpuTicks, byType: cpuSecondsByType } = cpuSoFar();
      return { peakRssBytes: peakRss, peakPssBytes: peakPss, peakProcessCount: peakCount, peakRssAtMs, rssByTypeAtPeak, peakRssByType, peakPssByType, peakPssPartsByType, pssTimeline, rssTimeline, cpuTimeline, samples, cpuTicks, cpuSecondsByType };
    },
  };
}

/** One mapping name's share of a process's memory (/proc/PID/smaps, mappings of the same name summed), bytes. */
export interface MappingShare {
  readonly name: string;
  readonly pssBytes: number;
  readonly rssBytes: number;
  readonly mappings: number;
}

/**
 * The mapping names holding most of a process's PSS (anonymous mappings as `[anon]`, memfd and /dev/shm segments by
 * their name without the inode), largest first: read once at a session's end, as walking smaps is slow.
 */
export function largestMappings(pid: number, count: number): MappingShare[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return [];
  }
  const byName = new Map<string, { pssBytes: number; rssBytes: number; mappings: number }>();
  let current: { pssBytes: number; rssBytes: number; mappings: number } | null = null;
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header !== null) {
      const name = (header[1] ?? '').replace(/ \(deleted\)$/, '').replace(/\d{3,}/g, '#') || '[anon]';
      current = byName.get(name) ?? { pssBytes: 0, rssBytes: 0, mappings: 0 };
      current.mappings++;
      byName.set(name, current);
      continue;
    }
    if (current === null) continue;
    const field = /^(Pss|Rss):\s+(\d+) kB/.exec(line);
    if (field?.[1] === 'Pss') current.pssBytes += Number(field[2]) * 1024;
    else if (field?.[1] === 'Rss') current.rssBytes += Number(field[2]) * 1024;
  }
  return [...byName.entries()].map(([name, share]) => ({ name, ...share })).sort((a, b) => b.pssBytes - a.pssBytes).slice(0, count);
}

/**
 * CPU seconds per thread name of a process since it started (/proc/PID/task/TID/stat; numbered threads such as
 * `ThreadPoolForeg` summed under their name): which of its threads does the work.
 */
export function cpuSecondsByThread(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Threads nobody named keep the executable's name (`chromium`): the main thread is told apart from them.
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).replace(/\d+$/, '#');
      const name = tid === String(pid) ? `${comm} (main)` : comm;
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName;
}

/** CPU seconds per thread name of the tree's processes of one type (all its processes summed). */
export function cpuSecondsByThreadOfType(rootPid: number, type: string): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const pid of processTree(rootPid)) {
    if (processType(pid) !== type) continue;
    for (const [name, seconds] of Object.entries(cpuSecondsByThread(pid))) sum[name] = (sum[name] ?? 0) + seconds;
  }
  return sum;
}

/** The largest mappings of every process of a tree, by process type (`renderer`, `gpu-process` …). */
export function largestMappingsByType(rootPid: number, count: number): Record<string, MappingShare[]> {
  const result: Record<string, MappingShare[]> = {};
  for (const pid of processTree(rootPid)) {
    const type = processType(pid);
    const shares = largestMappings(pid, count);
    if (shares.length === 0) continue;
    // Several processes of a type (renderers of other frames, utilities): keep the largest process's list.
    const total = (list: readonly MappingShare[]) => list.reduce((sum, share) => sum + share.pssBytes, 0);
    if (result[type] === undefined || total(shares) > total(result[type])) result[type] = shares;
  }
  return result;
}
