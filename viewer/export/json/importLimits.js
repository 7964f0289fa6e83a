import { SPINAL_LEVELS } from '../../../measurement';
import { isRecord } from './untrusted';
/**
 * Series one measurements file may hold, all studies together. An export holds the series measured in one session:
 * a few studies of one patient (baseline, follow-ups), each with a few series. 20 leaves room for a long follow-up.
 */
export const MAX_SERIES_PER_FILE = 20;
/**
 * Vertebrae one measurements file may hold: every measurable level (C2–S1, one per level and series) on every series
 * a file may hold. More can only come from a file this viewer did not write, or a damaged one.
 */
export const MAX_VERTEBRAE_PER_FILE = SPINAL_LEVELS.length * MAX_SERIES_PER_FILE;
/**
 * Largest measurements file read, bytes (5 MiB). A file of MAX_VERTEBRAE_PER_FILE vertebrae as this viewer writes
 * them, with their informative numbers and long UIDs, takes about 0.9 MB (the import-limit unit test writes one); a file
 * several times that size is refused before it is read at all.
 */
export const MAX_MEASUREMENTS_FILE_BYTES = 5 * 1024 * 1024;
const formatCount = (n) => n.toLocaleString('en-US');
/** Why a measurements file of `byteCount` bytes is not read; null when its size is within MAX_MEASUREMENTS_FILE_BYTES. */
export function measurementsFileSizeProblem(byteCount) {
    if (byteCount <= MAX_MEASUREMENTS_FILE_BYTES)
        return null;
    const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
    return (`The file is ${mb(byteCount)} MB; a measurements file is at most ${mb(MAX_MEASUREMENTS_FILE_BYTES)} MB ` +
        `(${formatCount(MAX_VERTEBRAE_PER_FILE)} vertebrae take far less). It is not an export of this viewer, or it is damaged.`);
}
/** How many series and vertebrae the studies of a file list, counted without reading any of them. */
export function countEntries(studies) {
    let seriesCount = 0;
    let vertebraCount = 0;
    for (const study of studies) {
        if (!isRecord(study) || !Array.isArray(study.series))
            continue;
        seriesCount += study.series.length;
        for (const series of study.series) {
            if (isRecord(series) && Array.isArray(series.vertebrae))
                vertebraCount += series.vertebrae.length;
        }
    }
    return { seriesCount, vertebraCount };
}
/** Why a file listing this many studies, series and vertebrae is refused whole; null when it is within the limits. */
export function entryCountProblem(studyCount, { seriesCount, vertebraCount }) {
    const damaged = 'Nothing was imported: it is not an export of this viewer, or it is damaged.';
    if (Math.max(studyCount, seriesCount) > MAX_SERIES_PER_FILE) {
        return {
            code: 'TOO_MANY_SERIES',
            message: `The file lists ${formatCount(studyCount)} studies with ${formatCount(seriesCount)} series; a measurements file holds at most ${MAX_SERIES_PER_FILE} series. ${damaged}`,
        };
    }
    if (vertebraCount > MAX_VERTEBRAE_PER_FILE) {
        return {
            code: 'TOO_MANY_VERTEBRAE',
            message: `The file lists ${formatCount(vertebraCount)} vertebrae; a measurements file holds at most ${formatCount(MAX_VERTEBRAE_PER_FILE)} ` +
                `(the ${SPINAL_LEVELS.length} levels ${SPINAL_LEVELS[0]}–${SPINAL_LEVELS[SPINAL_LEVELS.length - 1]} on ${MAX_SERIES_PER_FILE} series). ${damaged}`,
        };
    }
    return null;
}
