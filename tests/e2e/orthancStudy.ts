import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { startOrthanc, type RunningOrthanc } from '../../scripts/pacs/orthanc';
import { uploadFiles } from '../../scripts/pacs/upload';
import { launchBrowser, startPreview, type PreviewServer } from './harness';

/** A private Orthanc holding a file's series, the viewer's preview server proxying `/dicom-web` to it, and a browser. */
export interface OrthancStudy {
  /** Temporary folder for the series' files and Orthanc's storage. */
  readonly dir: string;
  readonly orthanc: RunningOrthanc;
  readonly server: PreviewServer;
  readonly browser: Browser;
}

/**
 * Starts what a browser test over DICOMweb needs: a temporary folder (`prefix` names it), Orthanc storing there,
 * the series `writeStudies` writes into the folder uploaded through `upload` (every file must be accepted), the
 * preview server and the browser. `stopOrthancStudy` undoes it.
 */
export async function startOrthancStudy(
  prefix: string,
  writeStudies: (dir: string, upload: (files: readonly string[]) => Promise<void>) => Promise<void>,
): Promise<OrthancStudy> {
  const started: { -readonly [K in keyof OrthancStudy]?: OrthancStudy[K] } = { dir: mkdtempSync(join(tmpdir(), prefix)) };
  try {
    const dir = started.dir as string;
    const orthanc = (started.orthanc = await startOrthanc({ storageDir: join(dir, 'orthanc') }));
    await writeStudies(dir, async (files) => {
      const report = await uploadFiles(orthanc.dicomWebRoot, files);
      expect(report.failed).toEqual([]);
    });
    const server = (started.server = await startPreview({ DICOMWEB_PROXY_TARGET: orthanc.url }));
    const browser = (started.browser = await launchBrowser());
    return { dir, orthanc, server, browser };
  } catch (error) {
    await stopOrthancStudy(started);
    throw error;
  }
}

/** Closes the browser, stops the server and Orthanc and removes the folder; a set-up that failed part-way is fine. */
export async function stopOrthancStudy(study: Partial<OrthancStudy> | undefined): Promise<void> {
  await study?.browser?.close();
  await study?.server?.stop();
  await study?.orthanc?.stop();
  if (study?.dir) rmSync(study.dir, { recursive: true, force: true });
}
