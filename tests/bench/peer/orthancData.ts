import { uploadFiles } from '../../../scripts/pacs/upload';
import type { GeneratedSeries } from './syntheticCt';

/** How many instances of the series the DICOMweb server holds (QIDO-RS), 0 when none. */
export async function storedInstanceCount(dicomWebRoot: string, series: GeneratedSeries): Promise<number> {
  const response = await fetch(`${dicomWebRoot}/studies/${series.studyInstanceUID}/series/${series.seriesInstanceUID}/instances?includefield=00080018`, {
    headers: { Accept: 'application/dicom+json' },
  });
  if (response.status === 204 || response.status === 404) return 0;
  if (!response.ok) throw new Error(`QIDO instances of ${series.key}: HTTP ${response.status}`);
  const body = await response.text();
  return body.trim() === '' ? 0 : (JSON.parse(body) as unknown[]).length;
}

/** Uploads the series by STOW-RS unless the server already holds all of it (the Orthanc storage is kept between runs). */
export async function ensureUploaded(dicomWebRoot: string, series: GeneratedSeries, log: (line: string) => void): Promise<void> {
  const stored = await storedInstanceCount(dicomWebRoot, series);
  if (stored === series.sliceCount) return;
  const report = await uploadFiles(dicomWebRoot, series.files);
  if (report.failed.length > 0) throw new Error(`${series.key}: ${report.failed.length} files not stored, first: ${report.failed[0]?.reason ?? ''}`);
  log(`  uploaded ${series.key}: ${report.stored} instances in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  const after = await storedInstanceCount(dicomWebRoot, series);
  if (after !== series.sliceCount) throw new Error(`${series.key}: the server holds ${after} of ${series.sliceCount} instances after the upload`);
}
