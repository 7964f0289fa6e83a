import { join } from 'node:path';
import { ctGeometry, MR_PIXEL_SPACING_MM, type CtGrid } from '../../sample-data/geometry';
import { createNoiseTable } from '../../sample-data/random';
import { CT_NOISE_SIGMA_HU, writeCtSeries } from '../../sample-data/series/ctAxial';
import { MR_NOISE_SIGMA, writeMrSeries } from '../../sample-data/series/mrSagittal';
import { SOP_CLASS, STUDIES, type SeriesInfo, type StudyInfo } from '../../sample-data/studies';
import { deterministicUid } from '../../sample-data/uids';
import { regionTruth, WHOLE_SPINE_TRUTH_LEVELS, wholeSpine, type RegionTruth } from '../helpers/regionSpines';

/**
 * The whole spine of tests/helpers/regionSpines.ts (T3–S3: the upper thoracic spine to T9 on the lumbosacral spine,
 * issue 12's fourteen bodies T4–L5 among them) written as DICOM by the phantom's own writers (sample-data/series/: its
 * tissues, its 2 mm shell, its noise; the sacrum's segments not fused, unlike the sweep's fine scene), into a test's or
 * benchmark's temporary folder at run time; nothing is committed. Its field is T3 to S2 with the phantom's 20 mm margins
 * (≈ 510 mm).
 */

/** One series written: its UID and its files' paths. */
export interface WrittenSeries {
  readonly seriesInstanceUID: string;
  readonly files: readonly string[];
}

/**
 * The CT's in-plane grid: 320 × 320 at 0.8 mm, x = y = 0 at pixel 160. A 256 mm field cropped round the spine (a
 * targeted reconstruction: the trunk's 220 mm front to back whole, its sides cut at ±128 mm of its 300 mm width), so
 * that 1 mm slices over ≈ 510 mm stay below the phantom CT's voxel count (≈ 52 M against 512 × 512 × 227 ≈ 60 M);
 * 0.8 mm pixels are a whole-spine trauma CT's (0.6–0.9 mm).
 */
export const WHOLE_SPINE_CT_GRID: CtGrid = { matrix: 320, pixelSpacingMm: 0.8, originXyMm: -128 };

/**
 * Rows of the MR: 576 of the phantom MR's 0.9375 mm, a 540 mm field (a whole-spine T2 composed from its stations),
 * its 320 columns, 15 slices 3 mm thick 3.5 mm apart, the middle one at x = 0.
 */
const WHOLE_SPINE_MR_ROWS = 576;

const STUDY: StudyInfo = {
  ...STUDIES.baseline,
  studyInstanceUID: deterministicUid('study/whole-spine'),
  studyId: 'WS1',
  accessionNumber: 'PHA0000012',
  description: 'CT AND MR WHOLE SPINE',
};

/** A series of the study: CT number 2, MR 3, each in its own frame of reference (as the phantom's). */
function seriesInfo(modality: 'CT' | 'MR', description: string): SeriesInfo {
  const key = modality === 'CT' ? 'ct' : 'mr';
  return {
    key,
    seriesInstanceUID: deterministicUid(`series/whole-spine/${key}`),
    seriesNumber: modality === 'CT' ? 2 : 3,
    modality,
    description,
    sopClassUID: modality === 'CT' ? SOP_CLASS.ctImage : SOP_CLASS.mrImage,
    frameOfReferenceUID: deterministicUid(`frame/whole-spine/${key}`),
  };
}

/** The T3–S2 field of the whole spine. */
function fieldOf(spine = wholeSpine()) {
  return ctGeometry(spine, 'T3', 'S2');
}

/** Writes the whole spine's axial CT into `dir` (≈ 510 files of 200 kB, ≈ 5 s). */
export function writeWholeSpineCt(dir: string): WrittenSeries {
  const spine = wholeSpine();
  const series = seriesInfo('CT', 'CT WHOLE SPINE AXIAL 1mm');
  const files = writeCtSeries({
    outDir: dir,
    relativeDir: 'whole-spine/ct',
    study: STUDY,
    series,
    spine,
    geometry: fieldOf(spine),
    grid: WHOLE_SPINE_CT_GRID,
    noiseTable: createNoiseTable('noise/whole-spine/ct', CT_NOISE_SIGMA_HU),
  });
  return { seriesInstanceUID: series.seriesInstanceUID, files: files.map((f) => join(dir, f)) };
}

/** Writes the whole spine's sagittal T2 MR into `dir` (15 files). */
export function writeWholeSpineMr(dir: string): WrittenSeries {
  const spine = wholeSpine();
  const series = seriesInfo('MR', `MR T2 SAG WHOLE SPINE ${Math.round(WHOLE_SPINE_MR_ROWS * MR_PIXEL_SPACING_MM)}mm`);
  const files = writeMrSeries({
    outDir: dir,
    relativeDir: 'whole-spine/mr',
    study: STUDY,
    series,
    spine,
    ctGeometry: fieldOf(spine),
    rows: WHOLE_SPINE_MR_ROWS,
    noiseTable: createNoiseTable('noise/whole-spine/mr', MR_NOISE_SIGMA),
  });
  return { seriesInstanceUID: series.seriesInstanceUID, files: files.map((f) => join(dir, f)) };
}

/** The truth of T4–L5 on the plane x = 0 (both series' middle plane), cranial → caudal. */
export function wholeSpineTruth(): RegionTruth[] {
  return regionTruth(wholeSpine(), WHOLE_SPINE_TRUTH_LEVELS);
}
