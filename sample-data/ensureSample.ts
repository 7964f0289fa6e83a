import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_OUTPUT_DIR, generateSample } from './generate';
import { GENERATOR_VERSION } from './generatorVersion';
import { GROUND_TRUTH_FILE, MANIFEST_FILE, type Manifest } from './groundTruth';

/**
 * Run by `npm start` and `npm test`: regenerates sample-data/output only when ground-truth.json is missing or was
 * written by another generator version (ground-truth.json is written last, so a half-finished run is redone), or
 * when a file the manifest lists has gone missing.
 */
function writtenVersion(outDir: string): string | null {
  const path = join(outDir, GROUND_TRUTH_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { generatorVersion?: unknown };
    return typeof parsed.generatorVersion === 'string' ? parsed.generatorVersion : null;
  } catch {
    return null;
  }
}

function listedFilesPresent(outDir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    return manifest.studies.every((study) =>
      study.series.every((series) => series.files.every((file) => existsSync(join(outDir, file)))),
    );
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const outDir = DEFAULT_OUTPUT_DIR;
  const found = writtenVersion(outDir);
  const complete = found === GENERATOR_VERSION && listedFilesPresent(outDir);
  if (complete) {
    console.log('sample data up to date');
    return;
  }
  console.log(
    found === GENERATOR_VERSION
      ? 'sample data incomplete; regenerating'
      : found
        ? `sample data is version ${found}; regenerating version ${GENERATOR_VERSION}`
        : 'generating sample data',
  );
  const startMs = performance.now();
  await generateSample(outDir);
  const seconds = (performance.now() - startMs) / 1000;
  const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const where = relative(process.cwd(), outDir) || outDir;
  for (const study of manifest.studies) {
    for (const series of study.series) {
      console.log(`  ${study.key}/${series.key}: ${series.files.length} ${series.modality} file(s) (${series.description})`);
    }
  }
  console.log(`wrote ${where}/${MANIFEST_FILE} and ${where}/${GROUND_TRUTH_FILE} in ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
