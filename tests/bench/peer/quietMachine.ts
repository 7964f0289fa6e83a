import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { CLOCK_TICKS_PER_S, readStat } from './processTree';

/** The 1-minute load average (/proc/loadavg). */
export function loadAverage1m(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Busy CPU ticks of the whole machine since boot (/proc/stat: all but idle and iowait). */
export function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return fields.reduce((sum, value) => sum + value, 0) - idle;
}

export interface QuietWait {
  readonly waitedMs: number;
  readonly loadAtStart: number;
  /** False when the load never fell under the limit within the wait. */
  readonly quiet: boolean;
}

/** Waits (at most `maxWaitMs`) until the 1-minute load average is at most `maxLoad`, polling every 2 s. */
export async function waitForQuietMachine(maxLoad: number, maxWaitMs: number): Promise<QuietWait> {
  const started = Date.now();
  for (;;) {
    const load = loadAverage1m();
    if (load <= maxLoad) return { waitedMs: Date.now() - started, loadAtStart: load, quiet: true };
    if (Date.now() - started >= maxWaitMs) return { waitedMs: Date.now() - started, loadAtStart: load, quiet: false };
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/**
 * Measures how much CPU other processes took during a session: the machine's busy ticks minus those of the processes
 * the benchmark owns (the browser tree's, counted by its sampler, this node process and the given server PIDs).
 */
export function startForeignCpuMeter(serverPids: readonly number[]): { stop(browserTreeTicks: number): ForeignCpu } {
  const started = Date.now();
  const busy0 = machineBusyTicks();
  const own0 = process.cpuUsage();
  const servers0 = serverPids.map((pid) => readStat(pid)?.cpuTicks ?? 0);
  return {
    stop(browserTreeTicks) {
      const elapsedS = (Date.now() - started) / 1000;
      const busy = machineBusyTicks() - busy0;
      const own = process.cpuUsage(own0);
      const ownTicks = ((own.user + own.system) / 1e6) * CLOCK_TICKS_PER_S;
      const serverTicks = serverPids.reduce((sum, pid, i) => sum + (readStat(pid)?.cpuTicks ?? 0) - (servers0[i] ?? 0), 0);
      const foreignTicks = Math.max(0, busy - ownTicks - serverTicks - browserTreeTicks);
      return {
        elapsedS,
        foreignCores: elapsedS > 0 ? foreignTicks / CLOCK_TICKS_PER_S / elapsedS : 0,
        serverCpuS: serverTicks / CLOCK_TICKS_PER_S,
        benchCores: elapsedS > 0 ? (ownTicks + serverTicks + browserTreeTicks) / CLOCK_TICKS_PER_S / elapsedS : 0,
        cores: cpus().length,
        loadAtEnd: loadAverage1m(),
      };
    },
  };
}

export interface ForeignCpu {
  readonly elapsedS: number;
  /** Cores' worth of CPU that processes outside the benchmark used on average during the session. */
  readonly foreignCores: number;
  /** CPU seconds the benchmark's servers (Orthanc) used during the session. */
  readonly serverCpuS: number;
  /** Cores' worth used by the browser, the servers and Orthanc. */
  readonly benchCores: number;
  readonly cores: number;
  readonly loadAtEnd: number;
}
