import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest, ManifestSeries, ManifestStudy } from '../../sample-data/groundTruth';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE_DIR = join(REPO_ROOT, 'sample-data', 'output');

/** The generated sample studies' manifest, generating them first (bounded to 100 s) when they are missing. */
export function sampleManifest(): Manifest {
  const path = join(SAMPLE_DIR, 'manifest.json');
  if (!existsSync(path)) {
    const run = spawnSync('npx', ['tsx', 'sample-data/ensureSample.ts'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 100_000 });
    if (run.status !== 0) throw new Error('Generating the sample studies failed: run `npm run sample` and look at its output.');
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export function sampleStudy(manifest: Manifest, key: ManifestStudy['key']): ManifestStudy {
  const study = manifest.studies.find((entry) => entry.key === key);
  if (!study) throw new Error(`the sample manifest has no study '${key}'`);
  return study;
}

export function sampleSeries(study: ManifestStudy, key: string): ManifestSeries {
  const series = study.series.find((entry) => entry.key === key);
  if (!series) throw new Error(`sample study '${study.key}' has no series '${key}'`);
  return series;
}

/** Absolute paths of a series' files. */
export function seriesFiles(series: ManifestSeries): string[] {
  return series.files.map((file) => join(SAMPLE_DIR, file));
}
