import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, isOrthancProcess, isPortFree, isRunning, raceTimeout, sleep, waitFor } from './processTools';

/** Where Debian's orthanc-dicomweb package puts the plugin; ORTHANC_DICOMWEB_PLUGIN overrides it. */
export const DEBIAN_DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';
const INSTALL_HINT = 'install Debian packages orthanc and orthanc-dicomweb (sudo apt-get install orthanc orthanc-dicomweb)';
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 100;
const STOP_GRACE_MS = 10_000;
const KILL_WAIT_MS = 3_000;
const AUTO_PORT_ATTEMPTS = 3;

export interface OrthancOptions {
  /** HTTP port on all interfaces (Orthanc has no bind address); a free one is chosen when absent. */
  readonly httpPort?: number;
  /** User name → password; when given, HTTP basic authentication is required. */
  readonly users?: Readonly<Record<string, string>>;
  /** Folder for the storage area and index, kept across restarts; default a folder inside the temporary dir. */
  readonly storageDir?: string;
}

export interface RunningOrthanc {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** url + '/dicom-web' */
  readonly dicomWebRoot: string;
  readonly httpPort: number;
  readonly pid: number;
  /** Temporary folder with the config, log and PID file (and the storage unless storageDir was given). */
  readonly dir: string;
  readonly storageDir: string;
  readonly pidFile: string;
  /** The last lines Orthanc logged. */
  logTail(lines?: number): string;
  /** SIGTERM, up to 10 s, then SIGKILL; removes the temporary folder unless keepDir. Safe to call twice. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/** The Orthanc binary (ORTHANC_BINARY, PATH, /usr/sbin, /usr/local/sbin) or null when it is not installed. */
export function findOrthancBinary(): string | null {
  const explicit = process.env.ORTHANC_BINARY;
  if (explicit) return isExecutable(explicit) ? explicit : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, 'Orthanc');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/** The DICOMweb plugin library, or null when it is not installed. */
export function findDicomWebPlugin(): string | null {
  const path = process.env.ORTHANC_DICOMWEB_PLUGIN ?? DEBIAN_DICOMWEB_PLUGIN;
  return existsSync(path) ? path : null;
}

/**
 * Starts a private Orthanc with the DICOMweb plugin, HTTP on `httpPort`, no DICOM port, loopback access only, and
 * waits (at most 20 s) until it answers GET /system as itself. Throws with Orthanc's last log lines when it does not.
 */
export async function startOrthanc(options: OrthancOptions = {}): Promise<RunningOrthanc> {
  const binary = findOrthancBinary();
  if (binary === null) throw new Error(`Orthanc is not installed (no 'Orthanc' on PATH or in /usr/sbin): ${INSTALL_HINT}.`);
  if (options.users !== undefined && Object.keys(options.users).length === 0) throw new Error('startOrthanc: users must name at least one user.');
  const plugin = findDicomWebPlugin();
  if (plugin === null) throw new Error(`The Orthanc DICOMweb plugin is missing (${DEBIAN_DICOMWEB_PLUGIN}): ${INSTALL_HINT}.`);
  if (options.httpPort !== undefined) {
    if (!(await isPortFree(options.httpPort))) {
      throw new Error(`Port ${options.httpPort} is already in use (another Orthanc, perhaps the system service?): choose another with --port.`);
    }
    return launch(binary, plugin, options, options.httpPort);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, plugin, options, await freePort());
    } catch (error) {
      // Another process may have taken the port between the check and Orthanc's bind: try another port.
      if (!(error instanceof PortTakenError) || attempt >= AUTO_PORT_ATTEMPTS) throw error;
    }
  }
}

/** Orthanc exited because its HTTP port was taken after it had been found free. */
class PortTakenError extends Error {}

/** Stops the Orthanc whose PID the file holds (only if that process is an Orthanc); true when it was running. */
export async function stopByPidFile(pidFile: string): Promise<boolean> {
  if (!existsSync(pidFile)) return false;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  removeQuietly(pidFile);
  if (!Number.isInteger(pid) || pid <= 1 || !isRunning(pid)) return false;
  if (!isOrthancProcess(pid)) return false; // the PID was reused by something else: leave it alone
  process.kill(pid, 'SIGTERM');
  if (await waitFor(() => !isRunning(pid), STOP_GRACE_MS)) return true;
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !isRunning(pid), KILL_WAIT_MS);
  return true;
}

async function launch(binary: string, plugin: string, options: OrthancOptions, httpPort: number): Promise<RunningOrthanc> {
  const dir = mkdtempSync(join(tmpdir(), 'vhv-orthanc-'));
  const storageDir = options.storageDir ?? join(dir, 'storage');
  mkdirSync(storageDir, { recursive: true });
  const name = `vhv-${process.pid}-${httpPort}-${Date.now().toString(36)}`;
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(orthancConfig({ name, httpPort, storageDir, plugin, ...(options.users ? { users: options.users } : {}) }), null, 2));
  const logPath = join(dir, 'orthanc.log');
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, [configPath], { cwd: dir, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const pid = child.pid;
  if (pid === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Orthanc could not be started (${binary}): ${INSTALL_HINT}.`);
  }
  trackChild(child);
  const pidFile = join(dir, 'orthanc.pid');
  writeFileSync(pidFile, `${pid}\n`);
  const url = `http://127.0.0.1:${httpPort}`;
  const logTail = (lines = 15) => tailOf(logPath, lines);
  let stopped = false;
  const stop = async (stopOptions: { keepDir?: boolean } = {}) => {
    if (!stopped) {
      stopped = true;
      await terminate(child);
      untrackChild(child);
      removeQuietly(pidFile);
    }
    // Asynchronous: a blocked event loop cannot answer tsx's signal relay, which then kills this process mid-cleanup.
    if (!stopOptions.keepDir) await rm(dir, { recursive: true, force: true });
  };
  const [firstUser] = Object.entries(options.users ?? {});
  const authorization = firstUser ? basicAuth(firstUser) : null;
  const ready = await waitUntilReady(child, url, name, authorization);
  if (ready !== null) {
    const tail = logTail();
    await stop();
    const message = `Orthanc did not start on port ${httpPort}: ${ready}.\nLast lines of its log:\n${tail}`;
    // Either Orthanc could not bind, or another server bound the port first (found free, then taken before Orthanc's
    // bind: e.g. a server of the same test run listening on a port the system chose) and answers in its place.
    const portTaken = ready === ANOTHER_SERVER_ANSWERS || (ready.startsWith('it exited') && /address already in use|cannot bind|port/i.test(tail));
    throw portTaken ? new PortTakenError(message) : new Error(message);
  }
  return { url, dicomWebRoot: `${url}/dicom-web`, httpPort, pid, dir, storageDir, pidFile, logTail, stop };
}

/** The whole configuration: nothing is read from /etc/orthanc, so the system service's settings do not leak in. */
function orthancConfig(input: { name: string; httpPort: number; storageDir: string; plugin: string; users?: Readonly<Record<string, string>> }) {
  return {
    Name: input.name,
    StorageDirectory: input.storageDir,
    IndexDirectory: input.storageDir,
    StorageCompression: false,
    HttpServerEnabled: true,
    HttpPort: input.httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: input.users !== undefined,
    RegisteredUsers: input.users ?? {},
    HttpDescribeErrors: true,
    DicomServerEnabled: false,
    WebDavEnabled: false,
    ExecuteLuaEnabled: false,
    RestApiWriteToFileSystemEnabled: false,
    SaveJobs: false,
    OverwriteInstances: false,
    Plugins: [input.plugin],
    // No "Host": BulkDataURIs then follow the request's Host header, so they work through the Vite proxy.
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false },
  };
}

const ANOTHER_SERVER_ANSWERS = 'another server already answers on this port';

/** Null when Orthanc answers as itself with the DICOMweb plugin loaded, else why not. */
async function waitUntilReady(child: ChildProcess, url: string, name: string, authorization: string | null): Promise<string | null> {
  const headers: Record<string, string> = authorization === null ? {} : { Authorization: authorization };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return `it exited (${child.exitCode ?? child.signalCode})`;
    try {
      const response = await fetch(`${url}/system`, { headers, signal: AbortSignal.timeout(1_000) });
      const system = (await response.json().catch(() => null)) as { Name?: unknown } | null;
      if (response.ok && system?.Name === name) {
        const plugins = await fetch(`${url}/plugins`, { headers, signal: AbortSignal.timeout(1_000) });
        const list = (await plugins.json().catch(() => [])) as unknown;
        return Array.isArray(list) && list.includes('dicom-web') ? null : `the DICOMweb plugin did not load: ${INSTALL_HINT}`;
      }
      if (response.ok) return ANOTHER_SERVER_ANSWERS;
    } catch {
      // not listening yet
    }
    await sleep(READY_POLL_MS);
  }
  return `it did not answer GET /system within ${READY_TIMEOUT_MS / 1000} s`;
}

async function terminate(child: ChildProcess): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (exited()) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (await raceTimeout(done, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await raceTimeout(done, KILL_WAIT_MS);
}

/** Children still running when node exits get SIGKILL, so a failed test run leaves no Orthanc behind. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const live of liveChildren) live.kill('SIGKILL');
  });
}

function untrackChild(child: ChildProcess): void {
  liveChildren.delete(child);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tailOf(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function basicAuth([user, password]: [string, string]): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

