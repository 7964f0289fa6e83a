/**
 * Reads a DICOM SR back: the vertebrae (levels and six points) of a report written by writeMeasurementReport, the
 * measurements of other applications as read-only foreign annotations, and a description of what it holds. Pure and total: returns a Result for every input,
 * never throws, and changes nothing (the caller applies the vertebrae only when the Result is ok).
 */
import { compareLevels, validateSixPoints, } from '../../../measurement';
import { isEmptyReading } from '../../model/readerReading';
import { ENDPLATE_DEPRESSION, FINDING_SITE, FINDING_SITE_SRT, GENANT_GRADE_CODES, READER_GENANT_GRADE, READER_NOTE, YES_CODE, HEIGHT_LINES, IMAGING_MEASUREMENT_REPORT, MEASUREMENT_GROUP, SR_SOP_CLASS_UID_PREFIX, UCUM_LENGTH_UNITS, VERTEBRA_CODES, } from './codes';
import { childrenOf, codeOf, conceptOf, itemsOf, numbersOf, sameCode, stringOf, } from './contentItems';
import { decodePart10 } from './dicomCodec';
import { readForeignAnnotation } from './foreignAnnotations';
import { srError } from './types';
/** Offset of the "DICM" prefix after the 128-byte preamble of a Part 10 file (PS3.10 Section 7.1). */
const DICM_OFFSET = 128;
/** Short names of the SR storage SOP classes a clinician may meet (PS3.4 Annex B.5). */
const SR_CLASS_NAMES = {
    '1.2.840.10008.5.1.4.1.1.88.11': 'Basic Text SR',
    '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR',
    '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR',
    '1.2.840.10008.5.1.4.1.1.88.34': 'Comprehensive 3D SR',
    '1.2.840.10008.5.1.4.1.1.88.35': 'Extensible SR',
    '1.2.840.10008.5.1.4.1.1.88.59': 'Key Object Selection document',
    '1.2.840.10008.5.1.4.1.1.88.67': 'X-Ray Radiation Dose SR',
};
const LEVEL_BY_CODE = new Map(Object.entries(VERTEBRA_CODES).map(([level, c]) => [`${c.scheme}|${c.value}`, level]));
/**
 * Largest distance (mm) between a per-line Length group's point and the vertebra point it copies for the group to be
 * recognised as that copy. Both are written from the same number into FL (float32), so they agree to the bit; the
 * tolerance only absorbs a writer that rounds differently.
 */
const COMPANION_TOLERANCE_MM = 0.001;
/** Relationships that carry context of their parent rather than content of their own. */
const CONTEXT_RELATIONSHIPS = new Set(['HAS OBS CONTEXT', 'HAS CONCEPT MOD', 'HAS ACQ CONTEXT']);
const NOTHING_CHANGED = 'The report was not opened and nothing was changed.';
function plural(count, singular, pluralForm = `${singular}s`) {
    return `${count} ${count === 1 ? singular : pluralForm}`;
}
function hasDicmPrefix(bytes) {
    return (bytes.length >= DICM_OFFSET + 4 &&
        String.fromCharCode(...bytes.subarray(DICM_OFFSET, DICM_OFFSET + 4)) === 'DICM');
}
function isHeightGroup(item) {
    return (stringOf(item, 'ValueType') === 'CONTAINER' &&
        sameCode(conceptOf(item), MEASUREMENT_GROUP) &&
        childrenOf(item).some((child) => HEIGHT_LINES.some((h) => sameCode(conceptOf(child), h.concept))));
}
function groupLabel(index, level) {
    return level === null ? `measurement group ${index + 1}` : `the measurement of ${level}`;
}
/** The level and six points of one of our measurement groups; MALFORMED_SR naming what is missing. */
function parseHeightGroup(group, index) {
    const children = childrenOf(group);
    const site = children.find((c) => sameCode(conceptOf(c), FINDING_SITE) || sameCode(conceptOf(c), FINDING_SITE_SRT));
    const siteCode = site === undefined ? null : codeOf(site, 'ConceptCodeSequence');
    const level = siteCode === null ? undefined : LEVEL_BY_CODE.get(`${siteCode.scheme}|${siteCode.value}`);
    if (level === undefined) {
        const what = siteCode === null ? 'no vertebra (finding site)' : `an unknown vertebra ("${siteCode.meaning || siteCode.value}")`;
        return srError('MALFORMED_SR', `The report is damaged: ${groupLabel(index, null)} names ${what}. ${NOTHING_CHANGED}`);
    }
    const points = {};
    let frameOfReferenceUID = '';
    for (const height of HEIGHT_LINES) {
        const num = children.find((c) => stringOf(c, 'ValueType') === 'NUM' && sameCode(conceptOf(c), height.concept));
        const line = num === undefined
            ? undefined
            : childrenOf(num).find((c) => stringOf(c, 'ValueType') === 'SCOORD3D' && stringOf(c, 'RelationshipType') === 'INFERRED FROM');
        const data = line === undefined ? null : numbersOf(line, 'GraphicData');
        const name = height.concept.meaning.toLowerCase();
        if (line === undefined || data === null || data.length !== 6 || stringOf(line, 'GraphicType') !== 'POLYLINE') {
            return srError('MALFORMED_SR', `The report is damaged: ${groupLabel(index, level)} has no usable ${name} line (two points). ${NOTHING_CHANGED}`);
        }
        const lineFrame = stringOf(line, 'ReferencedFrameOfReferenceUID');
        if (lineFrame === '' || (frameOfReferenceUID !== '' && lineFrame !== frameOfReferenceUID)) {
            return srError('MALFORMED_SR', `The report is damaged: the ${name} points of ${level} have no or a different frame of reference. ${NOTHING_CHANGED}`);
        }
        frameOfReferenceUID = lineFrame;
        const [x1 = 0, y1 = 0, z1 = 0, x2 = 0, y2 = 0, z2 = 0] = data; // six numbers, checked above
        points[height.superior] = [x1, y1, z1];
        points[height.inferior] = [x2, y2, z2];
    }
    const valid = validateSixPoints(points);
    if (!valid.ok) {
        return srError('MALFORMED_SR', `The report is damaged: ${level}: ${valid.error.message} ${NOTHING_CHANGED}`);
    }
    const reading = readingOfGroup(children);
    return { ok: true, value: { level, points: valid.value, frameOfReferenceUID, ...(reading === null ? {} : { reading }) } };
}
/**
 * A text of a nested content item as written (UTF-8): dcmjs decodes values inside sequence items byte by byte, so a
 * UTF-8 note comes back as one character per byte; such a text is decoded again. Text that is not valid UTF-8 that way
 * is kept as it is.
 */
function utf8Text(text) {
    if (!/[\u0080-\u00ff]/.test(text) || [...text].some((c) => c.charCodeAt(0) > 0xff))
        return text;
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    }
    catch {
        return text;
    }
}
/** The reader's grade, endplate depression and note of a group, or null when it holds none (a missing item reads as not recorded). */
function readingOfGroup(children) {
    const codeValue = (concept) => {
        const item = children.find((c) => stringOf(c, 'ValueType') === 'CODE' && sameCode(conceptOf(c), concept));
        return item === undefined ? null : codeOf(item, 'ConceptCodeSequence');
    };
    const gradeCode = codeValue(READER_GENANT_GRADE);
    const gradeIndex = gradeCode === null ? -1 : GENANT_GRADE_CODES.findIndex((g) => sameCode(gradeCode, g));
    const depression = codeValue(ENDPLATE_DEPRESSION);
    const noteItem = children.find((c) => stringOf(c, 'ValueType') === 'TEXT' && sameCode(conceptOf(c), READER_NOTE));
    const reading = {
        grade: gradeIndex < 0 ? null : gradeIndex,
        endplateDepression: depression !== null && sameCode(depression, YES_CODE),
        note: noteItem === undefined ? '' : utf8Text(stringOf(noteItem, 'TextValue')),
    };
    return isEmptyReading(reading) ? null : reading;
}
function tally(item, counts, skip) {
    const valueType = stringOf(item, 'ValueType');
    if (CONTEXT_RELATIONSHIPS.has(stringOf(item, 'RelationshipType')))
        return;
    if (valueType === 'NUM') {
        const unit = codeOf(itemsOf(item, 'MeasuredValueSequence')[0] ?? {}, 'MeasurementUnitsCodeSequence');
        if (unit !== null && unit.scheme === 'UCUM' && UCUM_LENGTH_UNITS.has(unit.value)) {
            counts.lengths += 1;
            return; // its coordinates belong to the length
        }
        counts.otherMeasurements += 1;
        if (unit !== null && unit.value !== '')
            counts.otherUnits.add(unit.value);
        return;
    }
    if (valueType === 'CONTAINER') {
        for (const child of childrenOf(item))
            tallyUnlessOurs(child, counts, skip);
        return;
    }
    if (valueType === 'TEXT')
        counts.texts += 1;
    else if (valueType === 'CODE')
        counts.codes += 1;
    else if (valueType === 'SCOORD' || valueType === 'SCOORD3D')
        counts.coordinates += 1;
    else if (valueType === 'IMAGE')
        counts.images += 1;
    else
        counts.others += 1;
}
/** Tallies `item` unless it is one of our vertebra groups or one of the per-line groups in `skip`. */
function tallyUnlessOurs(item, counts, skip) {
    if (!isHeightGroup(item) && !skip.has(item))
        tally(item, counts, skip);
}
function isMeasurementGroup(item) {
    return stringOf(item, 'ValueType') === 'CONTAINER' && sameCode(conceptOf(item), MEASUREMENT_GROUP);
}
/** Measurement groups that are not our vertebra groups, in document order (not descending into any group). */
function collectOtherGroups(item, found) {
    if (isMeasurementGroup(item)) {
        if (!isHeightGroup(item))
            found.push(item);
        return;
    }
    for (const child of childrenOf(item))
        collectOtherGroups(child, found);
}
function levelOfSite(group) {
    const site = childrenOf(group).find((c) => sameCode(conceptOf(c), FINDING_SITE) || sameCode(conceptOf(c), FINDING_SITE_SRT));
    const siteCode = site === undefined ? null : codeOf(site, 'ConceptCodeSequence');
    return siteCode === null ? null : (LEVEL_BY_CODE.get(`${siteCode.scheme}|${siteCode.value}`) ?? null);
}
function distanceMm(a, b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
/**
 * True when `annotation` (read from `group`) is one of the per-line Length groups written beside our vertebra groups:
 * a length at a measured vertebra whose one two-point 3-D line is that vertebra's anterior, middle or posterior
 * height line in the same frame of reference. Such a group repeats the vertebra and is neither damage nor foreign.
 */
function isCompanionLine(annotation, group, vertebrae) {
    const level = levelOfSite(group);
    const vertebra = vertebrae.find((v) => v.level === level);
    const [line, ...others] = annotation.graphics;
    if (annotation.kind !== 'length' || vertebra === undefined || line === undefined || others.length > 0)
        return false;
    if (line.space !== 'world' || line.frameOfReferenceUID !== vertebra.frameOfReferenceUID)
        return false;
    const [a, b, ...rest] = line.pointsMm;
    if (a === undefined || b === undefined || rest.length > 0)
        return false;
    return HEIGHT_LINES.some((h) => {
        const superior = vertebra.points[h.superior];
        const inferior = vertebra.points[h.inferior];
        const close = (p, q) => distanceMm(p, q) <= COMPANION_TOLERANCE_MM;
        return (close(a, superior) && close(b, inferior)) || (close(a, inferior) && close(b, superior));
    });
}
function collectHeightGroups(item, found) {
    if (isHeightGroup(item)) {
        found.push(item);
        return;
    }
    for (const child of childrenOf(item))
        collectHeightGroups(child, found);
}
function referencedSeries(dataset) {
    const uids = new Set();
    for (const keyword of ['CurrentRequestedProcedureEvidenceSequence', 'PertinentOtherEvidenceSequence']) {
        for (const study of itemsOf(dataset, keyword)) {
            for (const series of itemsOf(study, 'ReferencedSeriesSequence')) {
                const uid = stringOf(series, 'SeriesInstanceUID');
                if (uid !== '')
                    uids.add(uid);
            }
        }
    }
    return [...uids];
}
function describeDocument(dataset, sopClassUID) {
    const className = SR_CLASS_NAMES[sopClassUID] ?? 'Structured report';
    const title = conceptOf(dataset);
    if (sameCode(title, IMAGING_MEASUREMENT_REPORT))
        return `${className}: measurement report (TID 1500)`;
    return title === null || title.meaning === '' ? `${className} without a title` : `${className} "${title.meaning}"`;
}
function notSrMessage(dataset) {
    const modality = stringOf(dataset, 'Modality');
    const what = modality === '' ? 'a DICOM object of another kind' : `a DICOM ${modality} object (an image or other data)`;
    return `This file is ${what}, not a structured report (DICOM SR), so it holds no saved measurements. Open it as an image instead.`;
}
function readDecoded(meta, dataset) {
    const sopClassUID = stringOf(dataset, 'SOPClassUID') || stringOf(meta, 'MediaStorageSOPClassUID');
    if (!sopClassUID.startsWith(SR_SOP_CLASS_UID_PREFIX))
        return srError('NOT_SR', notSrMessage(dataset));
    if (stringOf(dataset, 'ValueType') !== 'CONTAINER' || childrenOf(dataset).length === 0) {
        return srError('MALFORMED_SR', `This structured report has no content (its document tree is missing or empty). ${NOTHING_CHANGED}`);
    }
    const groups = [];
    collectHeightGroups(dataset, groups);
    const vertebrae = [];
    for (const [index, group] of groups.entries()) {
        const parsed = parseHeightGroup(group, index);
        if (!parsed.ok)
            return parsed;
        if (vertebrae.some((v) => v.level === parsed.value.level)) {
            return srError('MALFORMED_SR', `The report is damaged: ${parsed.value.level} is stored twice. ${NOTHING_CHANGED}`);
        }
        const firstVertebra = vertebrae[0];
        if (firstVertebra !== undefined && firstVertebra.frameOfReferenceUID !== parsed.value.frameOfReferenceUID) {
            return srError('MALFORMED_SR', `The report mixes points from different frames of reference (${firstVertebra.level} and ${parsed.value.level}), ` +
                `so they cannot be shown together. ${NOTHING_CHANGED}`);
        }
        vertebrae.push(parsed.value);
    }
    vertebrae.sort((a, b) => compareLevels(a.level, b.level));
    const otherGroups = [];
    collectOtherGroups(dataset, otherGroups);
    const companions = new Set();
    const foreignAnnotations = [];
    for (const group of otherGroups) {
        const annotation = readForeignAnnotation(group);
        if (annotation === null)
            continue;
        if (isCompanionLine(annotation, group, vertebrae))
            companions.add(group);
        else
            foreignAnnotations.push(annotation);
    }
    const counts = {
        lengths: 0, otherMeasurements: 0, otherUnits: new Set(), texts: 0, codes: 0, coordinates: 0, images: 0, others: 0,
    };
    for (const child of childrenOf(dataset))
        tallyUnlessOurs(child, counts, companions);
    const recognised = [describeDocument(dataset, sopClassUID)];
    const ignored = [];
    if (vertebrae.length > 0) {
        const levels = vertebrae.map((v) => v.level).join(', ');
        recognised.push(`${plural(vertebrae.length, 'vertebra', 'vertebrae')} with six-point heights: ${levels}`);
        ignored.push('the stored heights, ratios, losses, grades and angles (recomputed from the points)');
    }
    if (companions.size > 0) {
        recognised.push(`${plural(companions.size, 'height line')} for other viewers (the same points as the vertebrae)`);
    }
    if (counts.lengths > 0)
        recognised.push(`${plural(counts.lengths, 'length measurement')} (not vertebral heights)`);
    if (counts.otherMeasurements > 0) {
        const units = [...counts.otherUnits].join(', ');
        ignored.push(`${plural(counts.otherMeasurements, 'other measurement')}${units === '' ? '' : ` (units: ${units})`}`);
    }
    if (counts.texts > 0)
        ignored.push(plural(counts.texts, 'text item'));
    if (counts.codes > 0)
        ignored.push(plural(counts.codes, 'coded finding'));
    if (counts.coordinates > 0)
        ignored.push(plural(counts.coordinates, 'region or point annotation'));
    if (counts.images > 0)
        ignored.push(plural(counts.images, 'image reference'));
    if (counts.others > 0)
        ignored.push(plural(counts.others, 'other item'));
    if (vertebrae.length === 0)
        recognised.push('no vertebral height measurements of this viewer');
    return {
        ok: true,
        value: {
            studyInstanceUID: stringOf(dataset, 'StudyInstanceUID'),
            seriesInstanceUID: stringOf(dataset, 'SeriesInstanceUID'),
            sopInstanceUID: stringOf(dataset, 'SOPInstanceUID'),
            sopClassUID,
            referencedSeriesInstanceUIDs: referencedSeries(dataset),
            frameOfReferenceUID: vertebrae[0]?.frameOfReferenceUID ?? '',
            vertebrae: vertebrae.map(({ level, points, reading }) => ({ level, points, ...(reading === undefined ? {} : { reading }) })),
            foreignAnnotations,
            recognised,
            ignored,
        },
    };
}
/**
 * Reads a DICOM SR file. A report written by this viewer gives its vertebrae (cranial → caudal, points in mm within
 * 0.001 mm of those written); any other SR gives no vertebrae and says in `recognised`/`ignored` what it holds.
 * Fails with NOT_SR for a file that is not DICOM or not an SR, MALFORMED_SR for a damaged file or a report of this
 * viewer whose content is incomplete. Never throws.
 */
export function readMeasurementReport(bytes) {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (!hasDicmPrefix(view)) {
        return srError('NOT_SR', 'This file is not a DICOM file (it has no DICOM header). Choose a DICOM structured report (.dcm) saved by this ' +
            'viewer or by another DICOM application.');
    }
    let decoded;
    try {
        decoded = decodePart10(view);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return srError('MALFORMED_SR', `This DICOM file is damaged or incomplete (perhaps cut short while copying) and could not be read. ` +
            `${NOTHING_CHANGED} (Technical detail: ${detail})`);
    }
    try {
        return readDecoded(decoded.meta, decoded.dataset);
    }
    catch (error) {
        // A content tree so odd that it breaks the walk (e.g. nested beyond the stack): report it, do not throw.
        const detail = error instanceof Error ? error.message : String(error);
        return srError('MALFORMED_SR', `This structured report could not be understood. ${NOTHING_CHANGED} (Technical detail: ${detail})`);
    }
}
