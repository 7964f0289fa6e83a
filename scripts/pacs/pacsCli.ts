/**
 * `npm run pacs [-- --port 8042] [--storage DIR] [--no-upload]`: starts a private Orthanc with DICOMweb on loopback,
 * uploads the generated sample studies, prints how to open the viewer against it, and runs until Ctrl+C.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../sample-data/groundTruth';
import { startOrthanc, type RunningOrthanc } from './orthanc';
import { uploadFiles } from './upload';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE_DIR = join(REPO_ROOT, 'sample-data', 'output');
const DEFAULT_PORT = 8042;

interface CliOptions {
  readonly port: number;
  /** Not given: Orthanc stores in a temporary directory removed on exit. */
  readonly storageDir: string | undefined;
  readonly upload: boolean;
}

function parseArgs(args: readonly string[]): CliOptions | string {
  let port = DEFAULT_PORT;
  let storageDir: string | undefined;
  let upload = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') {
      port = Number(args[++i]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) return `--port needs a port number, not '${args[i]}'`;
    } else if (arg === '--storage') {
      storageDir = args[++i];
      if (!storageDir) return '--storage needs a folder';
    } else if (arg === '--no-upload') {
      upload = false;
    } else if (arg === '--help' || arg === '-h') {
      return 'usage: npm run pacs -- [--port 8042] [--storage DIR (kept between runs)] [--no-upload]';
    } else {
      return `unknown option '${arg}' (try --help)`;
    }
  }
  return { port, storageDir, upload };
}

function loadManifest(): Manifest {
  const manifestPath = join(SAMPLE_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.log('Sample studies missing: generating them (npx tsx sample-data/ensureSample.ts) …');
    const run = spawnSync('npx', ['tsx', 'sample-data/ensureSample.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (run.status !== 0 || !existsSync(manifestPath)) throw new Error('Generating the sample studies failed: run `npm run sample` and look at its output.');
  }
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

async function uploadSamples(orthanc: RunningOrthanc, manifest: Manifest): Promise<void> {
  for (const study of manifest.studies) {
    const files = study.series.flatMap((series) => series.files.map((file) => join(SAMPLE_DIR, file)));
    const report = await uploadFiles(orthanc.dicomWebRoot, files, undefined, {
      onProgress: (done, total) => process.stdout.write(`\r  ${study.description}: ${done}/${total} files`),
    });
    process.stdout.write(`\r  ${study.description}: ${report.stored} of ${report.files} stored in ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
    for (const failure of report.failed) console.log(`    not stored: ${failure.file}: ${failure.reason}`);
  }
}

function printHowToOpen(orthanc: RunningOrthanc, manifest: Manifest | null): void {
  const proxyNote = orthanc.httpPort === DEFAULT_PORT
    ? 'npm start'
    : `DICOMWEB_PROXY_TARGET=${orthanc.url} npm start`;
  const studyUids = manifest?.studies.map((study) => study.studyInstanceUID).join(',') ?? '';
  console.log(`
Orthanc is running (PID ${orthanc.pid}), reachable from this machine only:
  Orthanc Explorer  ${orthanc.url}/app/explorer.html
  DICOMweb root     ${orthanc.dicomWebRoot}
  storage           ${orthanc.storageDir}

Open the viewer against it:
  1. In another terminal: ${proxyNote}
     (Vite proxies /dicom-web to DICOMWEB_PROXY_TARGET, default http://127.0.0.1:${DEFAULT_PORT}; see vite.config.ts)
  2. In the app's DICOMweb settings enter /dicom-web (no user or password), then search for PHANTOM*
     or open http://127.0.0.1:5173/?dicomweb=/dicom-web${studyUids ? `&StudyInstanceUIDs=${studyUids}` : ''}

Press Ctrl+C to stop Orthanc.`);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    return options.startsWith('usage') ? 0 : 2;
  }
  let orthanc: RunningOrthanc | null = null;
  let stopping: Promise<void> | null = null;
  const shutdown = () => {
    stopping ??= (async () => {
      console.log('\nStopping Orthanc …');
      await orthanc?.stop();
      console.log('Orthanc stopped.');
    })();
    return stopping;
  };
  const stopped = new Promise<void>((resolve) => {
    // `on`, not `once`: Ctrl+C reaches this process twice (from the terminal and relayed by tsx), and a signal
    // without a listener would end node before Orthanc has stopped.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown().then(resolve));
  });
  try {
    const manifest = options.upload ? loadManifest() : null;
    orthanc = await startOrthanc({ httpPort: options.port, ...(options.storageDir === undefined ? {} : { storageDir: options.storageDir }) });
    if (stopping) {
      await orthanc.stop(); // Ctrl+C arrived while Orthanc was starting
      return 130;
    }
    if (manifest) {
      console.log(`Uploading the sample studies to ${orthanc.dicomWebRoot} …`);
      await uploadSamples(orthanc, manifest);
    }
    printHowToOpen(orthanc, manifest);
  } catch (error) {
    if (stopping) {
      await stopping;
      return 130;
    }
    console.error(error instanceof Error ? error.message : String(error));
    await shutdown();
    return 1;
  }
  await stopped;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
