import { readFile } from 'node:fs/promises';
import { configForRoot, type DicomWebAuth } from '../../viewer/dicomweb/config';
import { STOW_BATCH_SIZE, storeInstances } from '../../viewer/dicomweb/stow';

/** What an upload did: files sent, objects the PACS confirmed, each failure by file, and how long it took. */
export interface UploadReport {
  readonly files: number;
  readonly stored: number;
  readonly failed: Array<{ file: string; sopInstanceUID: string; reason: string }>;
  readonly requests: number;
  readonly elapsedMs: number;
}

export interface UploadOptions {
  /** Files per STOW-RS request (default 20). */
  readonly batchSize?: number;
  /** Called after each request with the number of files handled so far. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly timeoutMs?: number;
}

/**
 * Uploads DICOM files to a DICOMweb server by STOW-RS, `batchSize` files per request, reading only one batch into
 * memory at a time. Files the PACS (or the local check) refuses are listed in `failed`; a request that gets no usable
 * answer (server down, wrong credentials) throws, saying how far the upload got.
 */
export async function uploadFiles(dicomWebRoot: string, files: readonly string[], auth?: DicomWebAuth, options: UploadOptions = {}): Promise<UploadReport> {
  const batchSize = Math.max(1, Math.min(options.batchSize ?? STOW_BATCH_SIZE, STOW_BATCH_SIZE));
  const config = configForRoot(dicomWebRoot, auth, options.timeoutMs);
  const started = performance.now();
  const failed: UploadReport['failed'] = [];
  let stored = 0;
  let requests = 0;
  for (let start = 0; start < files.length; start += batchSize) {
    const batchFiles = files.slice(start, start + batchSize);
    const read = await Promise.all(batchFiles.map(readFileOrReason));
    const readable = batchFiles.filter((_, i) => read[i] instanceof Uint8Array);
    batchFiles.forEach((file, i) => {
      const entry = read[i];
      if (typeof entry === 'string') failed.push({ file, sopInstanceUID: '', reason: `Not read: ${entry}.` });
    });
    const outcome = await storeInstances(config, read.filter((entry) => entry instanceof Uint8Array));
    requests++;
    if (!outcome.ok) {
      throw new Error(`Upload to ${dicomWebRoot} stopped after ${start} of ${files.length} files (${stored} stored): ${outcome.error.message}`);
    }
    stored += outcome.value.stored;
    for (const failure of outcome.value.failed) {
      // The server's failure refers to the instance's place in the batch sent; an index outside it is still reported.
      const file = readable[failure.index] ?? `instance ${failure.index + 1} of a batch of ${readable.length} (no such file)`;
      failed.push({ file, sopInstanceUID: failure.sopInstanceUID, reason: failure.reason });
    }
    options.onProgress?.(Math.min(start + batchSize, files.length), files.length);
  }
  return { files: files.length, stored, failed, requests, elapsedMs: performance.now() - started };
}

/** The file's bytes, or why it could not be read. */
async function readFileOrReason(path: string): Promise<Uint8Array | string> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
