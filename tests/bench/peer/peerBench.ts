/**
 * `npm run bench:peer`: this viewer against OHIF 3.13.2 on the same machine, the same Orthanc and the same Chromium
 * (issue 16). Generates synthetic axial CT series (git-ignored, .cache/bench-peer/), uploads them to a private
 * Orthanc, serves both production builds with a same-origin /dicom-web proxy and measures, in fresh browsers: first
 * image, sagittal ready (complete volume), the I/O floor, JS bytes, peak RSS of the browser's process tree and peak JS
 * heap. Prints one table of ratios against the goals and writes every figure to a JSON file. Figures, never a test.
 *
 *   npm run bench:peer -- [--reps 3] [--sizes 100,300,1000|none] [--large-reps 1] [--no-j2k] [--no-ohif] [--no-floor] [--no-local | --local-only] [--cpu-profile] [--trace]
 *                         [--compressed-sizes 300,1000] [--jpegls] [--choose-after-s 0]
 *                         [--max-load 1.5] [--quiet-wait-s 60] [--timeout-s 240] [--dist DIR]
 *   npm run bench:peer -- --report .cache/bench-peer/results/latest.json   (prints the table of a finished run again)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureOhifBuild, startOhifServer, startStaticServer, type RunningStaticServer } from '../../../scripts/ohif';
import { startOrthanc } from '../../../scripts/pacs/orthanc';
import { findChromium, PROJECT_ROOT } from '../../e2e/harness';
import { ensureUploaded } from './orthancData';
import { OUR_VIEWER_PROBE, ioFloorScript, ohifProbe } from './probes';
import { cpuPhases, cpuPhasesText } from './cpuPhases';
import { GOALS, formatTable, summarize, type SeriesRecord } from './report';
import { LOCAL_FLOOR_PAGE, LOCAL_FLOOR_SCRIPT, chooseFiles, formatLocalTable, localFloorPage, summarizeLocal } from './localSession';
import { runSession, type SessionResult, type SessionSpec } from './session';
import { startupPathText } from './startupPath';
import { ensureSeries, type GeneratedSeries, type SeriesSpec } from './syntheticCt';

const CACHE_DIR = join(PROJECT_ROOT, '.cache', 'bench-peer');
const DIST_DIR = join(PROJECT_ROOT, 'dist');
/** Both viewers and the floor fetch frames with at most 6 requests in flight (HTTP/1.1's per-host limit in Chromium). */
const FLOOR_PARALLEL_REQUESTS = 6;
/** Series at or above this many slices run `--large-reps` times (default once): each session takes minutes. */
const LARGE_SERIES_SLICES = 1000;
const BLANK_PAGE = '/__bench/blank.html';

interface Options {
  readonly reps: number;
  readonly largeReps: number;
  readonly sizes: readonly number[];
  readonly j2k: boolean;
  /** Slice counts of the compressed variants (JPEG 2000 unless --no-j2k, JPEG-LS with --jpegls); default 300. */
  readonly compressedSizes: readonly number[];
  readonly jpegls: boolean;
  readonly ohif: boolean;
  /** Run the I/O floor session (off with --no-floor, e.g. to profile this viewer alone). */
  readonly floor: boolean;
  /** Also open each uncompressed series from local files, and read them in a blank page (off with --no-local). */
  readonly local: boolean;
  /** Only the local-files sessions (--local-only): no DICOMweb session, no OHIF. */
  readonly localOnly: boolean;
  /**
   * Seconds the local sessions wait between the file input being there and choosing the files (`--choose-after-s`, a
   * person's pace; default 0: chosen at once). The times are still measured from choosing.
   */
  readonly chooseAfterS: number;
  /** Profile this viewer's main thread in each of its sessions (.cpuprofile files beside the results). */
  readonly cpuProfile: boolean;
  readonly trace: boolean;
  readonly maxLoad: number;
  readonly quietWaitS: number;
  readonly timeoutS: number;
  readonly disturbedAboveCores: number;
  /** This viewer's production build to serve (`--dist DIR`, default dist/): e.g. a copy of another commit's build. */
  readonly distDir: string;
}

function parseOptions(args: readonly string[]): Options | string {
  const options = { cpuProfile: false, trace: false, floor: true, local: true, localOnly: false, chooseAfterS: 0, reps: 3, largeReps: 1, sizes: [100, 300, 1000] as number[], j2k: true, compressedSizes: [300] as number[], jpegls: false, ohif: true, maxLoad: Math.max(1, cpus().length * 0.75), quietWaitS: 60, timeoutS: 240, disturbedAboveCores: 0.5, distDir: DIST_DIR };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): number => {
      const parsed = Number(args[++i]);
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${arg} needs a non-negative number, not '${args[i] ?? ''}'`);
      return parsed;
    };
    try {
      if (arg === '--reps') options.reps = Math.max(1, Math.round(value()));
      else if (arg === '--large-reps') options.largeReps = Math.max(1, Math.round(value()));
      else if (arg === '--sizes') options.sizes = args[i + 1] === 'none' ? (i++, []) : sliceCounts(args[++i]);
      else if (arg === '--compressed-sizes') options.compressedSizes = sliceCounts(args[++i]);
      else if (arg === '--jpegls') options.jpegls = true;
      else if (arg === '--no-j2k') options.j2k = false;
      else if (arg === '--no-ohif') options.ohif = false;
      else if (arg === '--no-floor') options.floor = false;
      else if (arg === '--no-local') options.local = false;
      else if (arg === '--local-only') Object.assign(options, { local: true, localOnly: true, ohif: false, j2k: false });
      else if (arg === '--choose-after-s') options.chooseAfterS = value();
      else if (arg === '--cpu-profile') options.cpuProfile = true;
      else if (arg === '--trace') options.trace = true;
      else if (arg === '--max-load') options.maxLoad = value();
      else if (arg === '--quiet-wait-s') options.quietWaitS = value();
      else if (arg === '--timeout-s') options.timeoutS = value();
      else if (arg === '--disturbed-above-cores') options.disturbedAboveCores = value();
      else if (arg === '--dist') options.distDir = resolve(args[++i] ?? '');
      else return `unknown option '${arg ?? ''}' (see the usage at the top of tests/bench/peer/peerBench.ts)`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  const compressed = (options.j2k || options.jpegls) && options.compressedSizes.length > 0;
  if (options.sizes.length === 0 && !compressed) return '--sizes needs slice counts, e.g. 100,300 (or none, with compressed series)';
  return options;
}

/** '300,1000' → [300, 1000]; anything not an integer ≥ 2 is dropped. */
function sliceCounts(text: string | undefined): number[] {
  return (text ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 2);
}

function seriesSpecs(options: Options): SeriesSpec[] {
  const specs: SeriesSpec[] = options.sizes.map((n) => ({ key: `n${n}`, sliceCount: n, compression: 'none' }));
  for (const n of options.compressedSizes) {
    if (options.j2k) specs.push({ key: `n${n}-j2k`, sliceCount: n, compression: 'j2k-lossless' });
    if (options.jpegls) specs.push({ key: `n${n}-jls`, sliceCount: n, compression: 'jpegls-lossless' });
  }
  // Smallest first, so an interrupted run has the most complete rows (the compressed variant right after its N).
  return specs.sort((a, b) => a.sliceCount - b.sliceCount);
}

function ensureOurBuild(distDir: string): void {
  if (existsSync(join(distDir, 'index.html'))) return;
  if (distDir !== DIST_DIR) throw new Error(`${distDir} holds no build (index.html missing)`);
  console.log('dist/ is missing: building the viewer (vite build) …');
  const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed: see its output above');
}

function machineFacts() {
  const chromium = findChromium();
  const version = chromium === undefined ? 'not found' : spawnSync(chromium, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 1e9), kernel: release(), node: process.version, chromium: version };
}

/** Prints the table of a results file again (e.g. after the report's format changed). */
function reprint(file: string): number {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { series: GeneratedSeries[]; sessions: Array<SessionResult & { rep: number; series: string }>; machine: ReturnType<typeof machineFacts>; startedAt: string };
  const records: SeriesRecord[] = json.series
    .map((series) => ({ series, sessions: json.sessions.filter((session) => session.series === series.key) }))
    .filter((record) => record.sessions.length > 0);
  console.log(`${json.startedAt.slice(0, 10)}, ${json.machine.cpu}, ${json.machine.cores} cores, ${json.machine.memoryGB} GB, ${json.machine.chromium}\n`);
  console.log(formatTable(records.map(summarize)));
  return 0;
}

async function main(): Promise<number> {
  if (process.argv[2] === '--report') {
    const file = process.argv[3];
    if (file === undefined || !existsSync(file)) {
      console.error(`--report needs a results file (.cache/bench-peer/results/*.json), not '${file ?? ''}'`);
      return 2;
    }
    return reprint(file);
  }
  const options = parseOptions(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const machine = machineFacts();
  console.log(`peer benchmark on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGB} GB), ${machine.chromium}`);
  ensureOurBuild(options.distDir);
  const ohifBuild = options.ohif ? await ensureOhifBuild({ log: (line) => console.log(`  ${line}`) }) : null;
  if (ohifBuild !== null && !ohifBuild.ok) console.log(`OHIF is left out: ${ohifBuild.message}`);
  console.log('synthetic series (cached in .cache/bench-peer/series):');
  const series: GeneratedSeries[] = [];
  for (const spec of seriesSpecs(options)) series.push(await ensureSeries(join(CACHE_DIR, 'series'), spec, (line) => console.log(line)));

  const storageDir = join(CACHE_DIR, 'orthanc-storage');
  mkdirSync(storageDir, { recursive: true });
  // The sessions write their CPU profiles there before the results file exists.
  mkdirSync(join(CACHE_DIR, 'results'), { recursive: true });
  const orthanc = await startOrthanc({ storageDir });
  const servers: RunningStaticServer[] = [];
  const startedAt = new Date().toISOString();
  const records: SeriesRecord[] = [];
  try {
    for (const s of series) await ensureUploaded(orthanc.dicomWebRoot, s, (line) => console.log(line));
    const blank = {
      [BLANK_PAGE]: { contentType: 'text/html; charset=utf-8', body: () => '<!doctype html><title>I/O floor</title>' },
      [LOCAL_FLOOR_PAGE]: { contentType: 'text/html; charset=utf-8', body: localFloorPage },
    };
    const ours = await startStaticServer({ rootDir: options.distDir, dicomWebTarget: orthanc.dicomWebRoot, generated: blank });
    servers.push(ours);
    const ohif = ohifBuild?.ok ? await startOhifServer({ distDir: ohifBuild.distDir, dicomWebTarget: orthanc.dicomWebRoot }) : null;
    if (ohif !== null) servers.push(ohif);
    console.log(`this viewer ${ours.url}, OHIF ${ohif?.url ?? '(none)'}, Orthanc ${orthanc.url}`);

    for (const s of series) {
      const reps = s.sliceCount >= LARGE_SERIES_SLICES ? options.largeReps : options.reps;
      const timeoutMs = options.timeoutS * 1000 * Math.max(1, s.sliceCount / 300);
      const common = {
        timeoutMs,
        serverPids: [orthanc.pid],
        quiet: { maxLoad: options.maxLoad, maxWaitMs: options.quietWaitS * 1000 },
        disturbedAboveCores: options.disturbedAboveCores,
      };
      const floorSpecs: SessionSpec[] = [
        {
          ...common,
          kind: 'io-floor',
          url: `${ours.url}${BLANK_PAGE}`,
          waitFor: [],
          floorScript: ioFloorScript({ root: '/dicom-web', studyUID: s.studyInstanceUID, seriesUID: s.seriesInstanceUID, parallel: FLOOR_PARALLEL_REQUESTS }),
          servedRoot: options.distDir,
          settleMs: 0,
        },
      ];
      const specs: SessionSpec[] = options.localOnly ? [] : [
        ...(options.floor ? floorSpecs : []),
        { ...common, ...(options.cpuProfile ? { cpuProfileFile: join(CACHE_DIR, 'results', `ours-${s.key}-${Date.now()}.cpuprofile`) } : {}), ...(options.trace ? { traceFile: join(CACHE_DIR, 'results', `ours-${s.key}-${Date.now()}.trace.json`) } : {}), kind: 'ours', url: `${ours.url}/?dicomweb=/dicom-web&StudyInstanceUIDs=${s.studyInstanceUID}`, probe: OUR_VIEWER_PROBE, waitFor: ['firstImage', 'sagittalReady'], servedRoot: options.distDir },
      ];
      if (ohif !== null && ohifBuild?.ok) {
        specs.push(
          { ...common, kind: 'ohif-stack', url: `${ohif.url}/viewer?StudyInstanceUIDs=${s.studyInstanceUID}`, probe: ohifProbe(s.sliceCount), waitFor: ['firstImage'], servedRoot: ohifBuild.distDir },
          { ...common, kind: 'ohif-mpr', url: `${ohif.url}/viewer?StudyInstanceUIDs=${s.studyInstanceUID}&hangingprotocolId=mpr`, probe: ohifProbe(s.sliceCount), waitFor: ['sagittalReady'], servedRoot: ohifBuild.distDir },
        );
      }
      if (options.local && s.compression === 'none') {
        // Local files: our viewer only (OHIF has no comparable local open), against reading the same files' bytes.
        const afterOpen = chooseFiles(s.files, options.chooseAfterS * 1000);
        specs.push(
          ...(options.floor ? [{ ...common, kind: 'local-floor' as const, url: `${ours.url}${LOCAL_FLOOR_PAGE}`, waitFor: [], floorScript: LOCAL_FLOOR_SCRIPT, afterOpen, servedRoot: options.distDir, settleMs: 0 }] : []),
          { ...common, ...(options.cpuProfile ? { cpuProfileFile: join(CACHE_DIR, 'results', `ours-local-${s.key}-${Date.now()}.cpuprofile`) } : {}), ...(options.trace ? { traceFile: join(CACHE_DIR, 'results', `ours-local-${s.key}-${Date.now()}.trace.json`) } : {}), kind: 'ours-local', url: `${ours.url}/`, probe: OUR_VIEWER_PROBE, waitFor: ['firstImage', 'sagittalReady', 'sagittalDrawn'], afterOpen, servedRoot: options.distDir },
        );
      }
      const sessions: Array<SessionResult & { rep: number }> = [];
      for (let rep = 1; rep <= reps; rep++) {
        for (const spec of specs) {
          const result = await runSession(spec);
          sessions.push({ ...result, rep });
          console.log(describeSession(s, rep, result));
        }
      }
      records.push({ series: s, sessions });
      writeResults({ startedAt, machine, options, ohifBuild, series, records, final: false });
    }
  } finally {
    for (const server of servers) await server.stop();
    await orthanc.stop({ keepDir: false });
  }

  const { file, table } = writeResults({ startedAt, machine, options, ohifBuild, series, records, final: true });
  console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.chromium}; medians (range) of ${options.reps} runs (${options.largeReps} at N ≥ ${LARGE_SERIES_SLICES}); ✓/✗ against issue 16's goals:\n`);
  console.log(table);
  if (options.local) console.log(`\nFrom local files (the same series chosen in a file input; the floor reads every file's bytes in a blank page):\n\n${localTable(records)}`);
  console.log(`\nraw figures: ${file}`);
  return 0;
}

/** Writes the figures so far (after every series, so an interrupted run keeps them) and the final file. */
function writeResults(input: {
  startedAt: string;
  machine: ReturnType<typeof machineFacts>;
  options: Options;
  ohifBuild: Awaited<ReturnType<typeof ensureOhifBuild>> | null;
  series: readonly GeneratedSeries[];
  records: readonly SeriesRecord[];
  final: boolean;
}): { file: string; table: string } {
  const { ohifBuild } = input;
  const summaries = input.records.map(summarize);
  const table = formatTable(summaries);
  const resultsDir = join(CACHE_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    startedAt: input.startedAt,
    finishedAt: input.final ? new Date().toISOString() : null,
    machine: input.machine,
    options: input.options,
    ohif: ohifBuild === null ? null : ohifBuild.ok ? { version: ohifBuild.version, distDir: ohifBuild.distDir } : { version: ohifBuild.version, skipped: ohifBuild.message },
    ourBuild: { distDir: input.options.distDir, commit: gitCommit() },
    series: input.series.map(({ files: _files, ...rest }) => rest),
    summaries,
    localSummaries: input.records.filter((record) => record.sessions.some((session) => session.kind === 'ours-local')).map((record) => summarizeLocal(record.series, record.sessions)),
    sessions: input.records.flatMap((record) => record.sessions.map((session) => ({ series: record.series.key, ...session }))),
    table,
  };
  const file = join(resultsDir, `peer-bench-${input.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  return { file, table };
}

/** The local-files table of the series that were opened from files. */
function localTable(records: readonly SeriesRecord[]): string {
  const local = records.filter((record) => record.sessions.some((session) => session.kind === 'ours-local'));
  return formatLocalTable(local.map((record) => summarizeLocal(record.series, record.sessions)), GOALS.sagittalOverFloor);
}

function describeSession(series: GeneratedSeries, rep: number, r: SessionResult): string {
  const s = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
  const figures = r.kind === 'io-floor' || r.kind === 'local-floor'
    ? `floor ${s(r.floor?.ms)} (${r.floor?.frames ?? 0} ${r.kind === 'io-floor' ? 'frames' : 'files'}, ${((r.floor?.bytes ?? 0) / 1e6).toFixed(0)} MB)`
    : `first ${s(r.firstImageMs)}${r.firstImageEarly === true ? ' (early image)' : ''}${r.firstRenderedMs === undefined ? '' : ` (first render event ${s(r.firstRenderedMs)})`}, sagittal ${s(r.sagittalReadyMs)}${r.sagittalDrawnMs === undefined ? '' : ` (drawn complete ${s(r.sagittalDrawnMs)})`}, RSS ${(r.peakRssBytes / 1e9).toFixed(2)} GB, heap ${(r.peakJsHeapUsedBytes / 1e6).toFixed(0)} MB, JS ${(r.jsBytes / 1e6).toFixed(1)} MB, frames ${r.frameRequests}${r.duplicateFrameRequests > 0 ? ` (${r.duplicateFrameRequests} repeated)` : ''}${textureText(r)}${rendersText(r)}${workersText(r)}, PSS ${pssByTypeText(r)}; CPU ${cpuByTypeText(r)}`;
  const memory = r.kind === 'io-floor' || r.kind === 'local-floor' ? '' : `\n    ${rssBreakdownText(r)}\n    peak PSS parts (anon/file/shmem MB): ${pssPartsText(r)}\n    largest mappings at the end (PSS MB): ${mappingsText(r)}\n    threads (CPU s): ${threadsText(r)}`;
  const busiest = r.topSelfTimes === undefined ? '' : `\n    main thread self time: ${r.topSelfTimes.map((t) => `${t.name} ${t.selfMs.toFixed(0)} ms`).join('; ')}`;
  const path = r.requestTimeline === undefined || r.kind === 'io-floor' || r.kind === 'local-floor' ? '' : `\n    first image path (sent–answered ms | marks): ${startupPathText(r.requestTimeline)}`;
  const phases =
    r.requestTimeline === undefined || r.cpuTimeline === undefined || r.navigationAtMs === undefined || r.kind === 'io-floor' || r.kind === 'local-floor'
      ? ''
      : `\n    CPU by phase (s): ${cpuPhasesText(cpuPhases(r.cpuTimeline, r.navigationAtMs, r.requestTimeline))}`;
  // Every request in order only beside a CPU profile, to place its activity against the network.
  const requests = r.requestTimeline === undefined || r.topSelfTimes === undefined ? '' : `\n    requests (start–end ms): ${r.requestTimeline.map((q) => `${q.name.split('/').slice(-2).join('/').slice(-40)} ${q.startMs}–${q.endMs}`).join('; ')}`;
  const load = `load ${r.quiet.loadAtStart.toFixed(1)}→${r.cpu.loadAtEnd.toFixed(1)}, others ${r.cpu.foreignCores.toFixed(2)} cores`;
  const flags = [r.pageCrashed === true ? 'TAB CRASHED' : '', r.disturbed ? 'DISTURBED' : '', r.ok ? '' : `FAILED: ${r.error ?? ''}`].filter(Boolean).join(' ');
  return `  ${series.key} #${rep} ${r.kind.padEnd(10)} ${figures}; ${load}${flags ? `; ${flags}` : ''}${memory}${path}${phases}${busiest}${requests}`;
}

/** 3-D texture uploads of a session: calls and MB (each slice once at 2 bytes a voxel is the least). */
function textureText(r: SessionResult): string {
  return r.textureUploads === undefined ? '' : `, 3-D texture uploads ${r.textureUploads.calls} (${(r.textureUploads.bytes / 1e6).toFixed(0)} MB)`;
}

/** The page's Web Worker threads (decode workers …) and the CPU seconds of each. */
function workersText(r: SessionResult): string {
  const seconds = r.workerThreadCpuSeconds;
  return seconds === undefined ? '' : `, ${seconds.length} worker thread(s) (CPU ${seconds.map((s) => `${s.toFixed(1)}`).join(' + ')} s)`;
}

/** Cornerstone's render events per view orientation in a session of this viewer. */
function rendersText(r: SessionResult): string {
  const entries = Object.entries(r.rendersByOrientation ?? {});
  return entries.length === 0 ? '' : `, renders ${entries.map(([orientation, count]) => `${orientation} ${count}`).join(' ')}`;
}

/** Peak PSS per Chromium process type, largest first, in MB. */
function pssByTypeText(r: SessionResult): string {
  const entries = Object.entries(r.peakPssByType ?? {}).sort((a, b) => b[1] - a[1]);
  return entries.map(([type, bytes]) => `${type} ${(bytes / 1e6).toFixed(0)} MB`).join(', ');
}

/** CPU seconds per Chromium process type (largest first), the tree's total and Orthanc's. */
function cpuByTypeText(r: SessionResult): string {
  const entries = Object.entries(r.cpuSecondsByType ?? {}).filter(([, s]) => s >= 0.05).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, s]) => sum + s, 0);
  return `${total.toFixed(1)} s (${entries.map(([type, s]) => `${type} ${s.toFixed(1)}`).join(', ')}), Orthanc ${r.cpu.serverCpuS.toFixed(1)} s`;
}

/**
 * Where the peak RSS is: when it happened against the marks, each process type's RSS in that sample, and the page's
 * JS heap and ArrayBuffer backing stores (typed arrays' data) at their peaks and at the end, MB.
 */
function rssBreakdownText(r: SessionResult): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const at = r.peakRssAtMs === undefined || r.navigationAtMs === undefined ? '' : ` at ${s(r.peakRssAtMs - r.navigationAtMs)}${r.sagittalReadyMs === undefined ? '' : ` (sagittal ready ${s(r.sagittalReadyMs)})`}`;
  const types = Object.entries(r.rssByTypeAtPeak ?? {}).sort((a, b) => b[1] - a[1]).map(([type, bytes]) => `${type} ${mb(bytes)}`).join(', ');
  const v8 = r.v8Memory;
  const heap = v8 === undefined ? '' : `; JS heap ${mb(v8.peakHeapUsed)} peak / ${mb(v8.heapUsedAtEnd)} end, ArrayBuffers ${mb(v8.peakBackingStores)} peak / ${mb(v8.backingStoresAtEnd)} end`;
  return `peak RSS${at} by process type (MB): ${types}${heap}`;
}

/** Anonymous / file / shared-memory PSS per process type at its peak, MB. */
function pssPartsText(r: SessionResult): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  return Object.entries(r.peakPssPartsByType ?? {})
    .sort((a, b) => b[1].pss - a[1].pss)
    .filter(([, parts]) => parts.pss >= 20e6)
    .map(([type, parts]) => `${type} ${mb(parts.anon)}/${mb(parts.file)}/${mb(parts.shmem)}`)
    .join(', ');
}

/** The busiest threads of the renderer and the GPU process, CPU seconds. */
function threadsText(r: SessionResult): string {
  return Object.entries(r.cpuSecondsByThread ?? {})
    .map(([type, threads]) => `${type}: ${Object.entries(threads).filter(([, s]) => s >= 0.2).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, s]) => `${name} ${s.toFixed(1)}`).join(', ')}`)
    .join('; ');
}

/** The renderer's and the GPU process's largest mappings, MB. */
function mappingsText(r: SessionResult): string {
  return ['renderer', 'gpu-process']
    .map((type) => `${type}: ${(r.largestMappingsByType?.[type] ?? []).slice(0, 5).map((m) => `${m.name} ${(m.pssBytes / 1e6).toFixed(0)} (${m.mappings})`).join(', ')}`)
    .join('; ');
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return head.status === 0 ? head.stdout.trim() : 'unknown';
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
