import { readStudies } from './readStudies';
import { MEASUREMENTS_FORMAT, MEASUREMENTS_SCHEMA_VERSION } from './schema';
import { isRecord, isShortText, quoteForMessage } from './untrusted';
import { countEntries, entryCountProblem, measurementsFileSizeProblem } from './importLimits';
function failure(code, message) {
    return { ok: false, error: { code, message } };
}
function textOrEmpty(value) {
    return isShortText(value, 1024) ? value : '';
}
function checkHeader(document) {
    if (!isRecord(document) || document.format !== MEASUREMENTS_FORMAT) {
        const format = isRecord(document) ? ` (its format is ${quoteForMessage(document.format)})` : '';
        return {
            code: 'NOT_A_MEASUREMENTS_FILE',
            message: `This file is not a vertebral height measurements export${format}. Choose a .json file exported by this viewer.`,
        };
    }
    const version = document.schemaVersion;
    if (!Number.isInteger(version) || version < 1) {
        return {
            code: 'UNSUPPORTED_SCHEMA_VERSION',
            message: `The file's schemaVersion (${quoteForMessage(version)}) is not a whole number of 1 or more; the file is damaged.`,
        };
    }
    if (version > MEASUREMENTS_SCHEMA_VERSION) {
        return {
            code: 'UNSUPPORTED_SCHEMA_VERSION',
            message: `The file uses schema version ${String(version)}, newer than this viewer reads (up to ${MEASUREMENTS_SCHEMA_VERSION}). ` +
                'Open it with a newer version of the viewer.',
        };
    }
    if (!Array.isArray(document.studies)) {
        return { code: 'INVALID_DOCUMENT', message: 'The file has no list of studies ("studies" is not an array); it is damaged.' };
    }
    if (document.studies.length === 0) {
        return { code: 'NO_STUDIES', message: 'The file lists no study, so there is nothing to import.' };
    }
    return null;
}
/**
 * Reads a measurements file (SCHEMA.md). A file that is not JSON, not such an export, of a newer schema version,
 * without studies, or beyond the import limits (importLimits.ts) is refused whole with a clear message. Otherwise every vertebra is checked on its own — id, level,
 * six measurable points (measurement/'s checks and messages), directions, no level twice in a series — and the good
 * ones come through with exactly the numbers in the file, the others are listed in `rejected` with where and why.
 * Derived numbers in the file (`informative`) are never read.
 */
export function readMeasurementsJson(text, options = {}) {
    // A character takes at least one byte of the file, so a file within the byte limit always passes this.
    const tooLarge = measurementsFileSizeProblem(text.length);
    if (tooLarge !== null)
        return failure('FILE_TOO_LARGE', tooLarge);
    let document;
    try {
        document = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch (error) {
        const detail = error instanceof Error ? ` (${error.message})` : '';
        return failure('INVALID_JSON', `This file is not valid JSON${detail}. Choose a .json file exported by this viewer.`);
    }
    const headerError = checkHeader(document);
    if (headerError !== null)
        return { ok: false, error: headerError };
    const doc = document;
    const tooMany = entryCountProblem(doc.studies.length, countEntries(doc.studies));
    if (tooMany !== null)
        return { ok: false, error: tooMany };
    const { measurements, rejected, vertebraCount } = readStudies(doc.studies, options);
    if (vertebraCount === 0 && rejected.length === 0) {
        return failure('NO_MEASUREMENTS', 'The studies in this file hold no measured vertebra, so there is nothing to import.');
    }
    const patient = isRecord(doc.patient) ? doc.patient : {};
    return {
        ok: true,
        value: {
            appVersion: textOrEmpty(doc.appVersion),
            exportedAt: textOrEmpty(doc.exportedAt),
            patient: { id: textOrEmpty(patient.id), name: textOrEmpty(patient.name) },
            measurements,
            rejected,
        },
    };
}
