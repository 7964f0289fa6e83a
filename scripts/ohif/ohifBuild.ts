/**
 * The OHIF Viewer production build, fetched from npm on demand (`npm pack @ohif/app@<version>`) and unpacked into a
 * git-ignored cache. OHIF is never a dependency of the app: only the peer benchmark and the OHIF integration test use it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The OHIF release the benchmark compares against (issue 16 measured 3.13.2); change it deliberately, never float it. */
export const OHIF_VERSION = '3.13.2';
const PACKAGE_NAME = '@ohif/app';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Git-ignored (see .gitignore): `<cacheRoot>/<version>/dist` holds the unpacked build. */
export const OHIF_CACHE_ROOT = join(REPO_ROOT, '.cache', 'ohif');
/** Written last, so a build interrupted while unpacking is never taken for a complete one. */
const COMPLETE_MARKER = 'complete.json';
/** `npm pack` of a 50 MB tarball: generous, but bounded so an unreachable registry cannot hang CI. */
const PACK_TIMEOUT_MS = 5 * 60_000;
const UNPACK_TIMEOUT_MS = 5 * 60_000;
/** Files every usable build has; checked after unpacking. */
const REQUIRED_FILES = ['index.html', 'app-config.js'];
/** npm's messages when it cannot reach the registry (DNS, refused, offline, timeouts, a gateway error on the way). */
const UNREACHABLE_PATTERN = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ENETDOWN|ENETUNREACH|EHOSTUNREACH|E50[234]|network|offline|socket hang up|request to .* failed/i;

export interface OhifBuildOptions {
  /** Default OHIF_VERSION. */
  readonly version?: string;
  /** Default OHIF_CACHE_ROOT. */
  readonly cacheRoot?: string;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

/** Where the build is, or why there is none; never thrown. */
export type OhifBuild =
  | { readonly ok: true; readonly version: string; readonly distDir: string; readonly fetched: boolean; readonly fileCount: number }
  | { readonly ok: false; readonly version: string; readonly reason: 'registry-unreachable' | 'pack-failed' | 'unpack-failed'; readonly message: string };

/** The cached build's dist folder for `version` (whether present or not). */
export function ohifDistDir(version: string = OHIF_VERSION, cacheRoot: string = OHIF_CACHE_ROOT): string {
  return join(cacheRoot, version, 'dist');
}

/** True when the cache holds a completely unpacked build of `version`. */
export function isOhifBuildComplete(version: string = OHIF_VERSION, cacheRoot: string = OHIF_CACHE_ROOT): boolean {
  const marker = join(cacheRoot, version, COMPLETE_MARKER);
  if (!existsSync(marker)) return false;
  const distDir = ohifDistDir(version, cacheRoot);
  return REQUIRED_FILES.every((file) => existsSync(join(distDir, file)));
}

/**
 * Makes sure `<cacheRoot>/<version>/dist` holds OHIF's production build: skips when it is already complete, else
 * runs `npm pack @ohif/app@<version>` and unpacks `package/dist` with `tar`. An unreachable registry is an answer
 * (`reason: 'registry-unreachable'`), not an exception, so callers can skip what needs OHIF.
 */
export async function ensureOhifBuild(options: OhifBuildOptions = {}): Promise<OhifBuild> {
  const version = options.version ?? OHIF_VERSION;
  const cacheRoot = options.cacheRoot ?? OHIF_CACHE_ROOT;
  const log = options.log ?? (() => undefined);
  const versionDir = join(cacheRoot, version);
  const distDir = ohifDistDir(version, cacheRoot);
  if (isOhifBuildComplete(version, cacheRoot)) {
    return { ok: true, version, distDir, fetched: false, fileCount: readFileCount(versionDir) };
  }
  rmSync(versionDir, { recursive: true, force: true });
  const workDir = join(cacheRoot, `.partial-${version}-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  try {
    log(`fetching ${PACKAGE_NAME}@${version} with npm pack …`);
    const pack = await run('npm', ['pack', `${PACKAGE_NAME}@${version}`, '--pack-destination', workDir, '--json', '--fetch-retries=1', '--fetch-timeout=60000'], workDir, PACK_TIMEOUT_MS);
    const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'));
    if (pack.code !== 0 || tarball === undefined) {
      const fullOutput = `${pack.stderr}\n${pack.stdout}`;
      const output = npmErrorSummary(fullOutput);
      const unreachable = pack.timedOut || UNREACHABLE_PATTERN.test(fullOutput);
      return {
        ok: false,
        version,
        reason: unreachable ? 'registry-unreachable' : 'pack-failed',
        message: unreachable
          ? `skipped: registry unreachable (npm pack ${PACKAGE_NAME}@${version}${pack.timedOut ? ' timed out' : ''}): ${output}`
          : `npm pack ${PACKAGE_NAME}@${version} failed (exit ${pack.code}): ${output}`,
      };
    }
    log(`unpacking ${tarball} …`);
    const unpack = await run('tar', ['-xzf', join(workDir, tarball), '-C', workDir, 'package/dist'], workDir, UNPACK_TIMEOUT_MS);
    const unpackedDist = join(workDir, 'package', 'dist');
    const missing = REQUIRED_FILES.filter((file) => !existsSync(join(unpackedDist, file)));
    if (unpack.code !== 0 || missing.length > 0) {
      const why = unpack.code !== 0 ? `tar exited ${unpack.code}${unpack.timedOut ? ' (timed out)' : ''}: ${lastLines(unpack.stderr)}` : `package/dist lacks ${missing.join(', ')}`;
      return { ok: false, version, reason: 'unpack-failed', message: `Unpacking ${tarball} failed: ${why}` };
    }
    mkdirSync(versionDir, { recursive: true });
    renameSync(unpackedDist, distDir);
    const fileCount = countFiles(distDir);
    writeFileSync(join(versionDir, COMPLETE_MARKER), `${JSON.stringify({ package: PACKAGE_NAME, version, tarball, fileCount, fetchedAt: new Date().toISOString() }, null, 2)}\n`);
    log(`OHIF ${version}: ${fileCount} files in ${distDir}`);
    return { ok: true, version, distDir, fetched: true, fileCount };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface RunOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a command to completion (killed after `timeoutMs`); a command that cannot start is exit code null. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: `${stderr}\n${error.message}`, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

function readFileCount(versionDir: string): number {
  try {
    const marker = JSON.parse(readFileSync(join(versionDir, COMPLETE_MARKER), 'utf8')) as { fileCount?: unknown };
    return typeof marker.fileCount === 'number' ? marker.fileCount : countFiles(join(versionDir, 'dist'));
  } catch {
    return countFiles(join(versionDir, 'dist'));
  }
}

/** npm --json prints its error as JSON with a one-line `summary`; fall back to the output's last lines. */
function npmErrorSummary(output: string): string {
  const summary = /"summary":\s*"((?:[^"\\]|\\.)*)"/.exec(output)?.[1];
  return summary ?? lastLines(output);
}

function lastLines(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join(' | ');
}
