/**
 * Writes vertebral measurements as a DICOM Comprehensive 3D SR holding a TID 1500 Measurement Report: one TID 1501
 * measurement group per vertebra with its heights, ratios, losses, Genant grade and wedge angle (all from
 * measurement/'s assessSpine), each height inferred from a SCOORD3D line between its two points in the images' frame of
 * reference; after it, one cornerstone3D Length group per height line (heightLineGroups.ts) for OHIF and other
 * cornerstone3D-based viewers. Pure: runs in node and in the browser; dcmjs does the byte encoding.
 */
import { assessSpine } from '../../../measurement';
import { isEmptyReading } from '../../model/readerReading';
import { APP_DEVICE_UID, APP_NAME, BICONCAVE_LOSS, BICONCAVITY_RATIO, COMPREHENSIVE_3D_SR_SOP_CLASS_UID, DCMR, CRUSH_LOSS, CRUSH_RATIO, DEVICE_OBSERVER_MANUFACTURER, DEVICE_OBSERVER_MODEL_NAME, DEVICE_OBSERVER_NAME, DEVICE_OBSERVER_UID, EXPLICIT_VR_LITTLE_ENDIAN, FINDING, FINDING_SITE, FRAME_OF_REFERENCE_UID, GENANT_GRADE, GENANT_GRADE_CODES, ENDPLATE_DEPRESSION, NO_CODE, READER_GENANT_GRADE, READER_NOTE, YES_CODE, HEIGHT_LINES, HEIGHT_LOSS, LANDMARK_REVIEW_STATUS, IMAGE_LIBRARY, IMAGE_LIBRARY_GROUP, IMAGING_MEASUREMENT_REPORT, IMAGING_MEASUREMENTS, IMAGING_PROCEDURE, IMPLEMENTATION_NAME_PREFIX, LANGUAGE_ENGLISH_US, LANGUAGE_OF_CONTENT, LOCAL_SCHEME_IDENTIFICATION, MEASUREMENT_GROUP, MODALITY, MODALITY_CODES, OBSERVER_DEVICE, OBSERVER_TYPE, PROCEDURE_REPORTED, REFERENCE_POSTERIOR_HEIGHT, SR_MAX_ABS_COORDINATE_MM, SR_SERIES_DESCRIPTION, SR_SERIES_NUMBER, TID_MEASUREMENT_GROUP, TID_MEASUREMENT_REPORT, TRACKING_IDENTIFIER, TRACKING_UNIQUE_IDENTIFIER, UNIT_DEGREE, UNIT_MM, UNIT_PERCENT, UNIT_RATIO, VERTEBRA, VERTEBRA_CODES, WEDGE_ANGLE, WEDGE_LOSS, WEDGE_RATIO, } from './codes';
import { codeItem, codeSequence, containerItem, imageItem, numItem, scoord3dItem, textItem, uidRefItem, } from './contentItems';
import { encodePart10 } from './dicomCodec';
import { HEIGHT_LINES_PER_VERTEBRA, heightLineGroups } from './heightLineGroups';
import { asDa, asPatientSex, asTm, formatDaUtc, formatTmUtc, isValidUid, randomUid } from './dicomValues';
import { srError } from './types';
function checkInput(input) {
    if (!input.calibrated) {
        return srError('UNCALIBRATED', 'This image has no calibration in millimetres (no pixel spacing), so heights and Genant grades cannot be saved ' +
            'in a DICOM report. Measure on a calibrated image to save a report.');
    }
    if (input.vertebrae.length === 0) {
        return srError('NO_VERTEBRAE', 'No vertebra has been measured yet, so there is nothing to save in a report.');
    }
    const uids = [
        [input.study.studyInstanceUID, 'The measured images have no valid Study Instance UID'],
        [input.series.seriesInstanceUID, 'The measured series has no valid Series Instance UID'],
        [input.series.frameOfReferenceUID, 'The measured series has no valid Frame of Reference UID (the points cannot be anchored)'],
    ];
    for (const [uid, problem] of uids) {
        if (!isValidUid(uid))
            return srError('INVALID_INPUT', `${problem} ("${String(uid)}"), so no report can be saved with it.`);
    }
    if (input.sourceImages.length === 0) {
        return srError('INVALID_INPUT', 'The report must list the measured images, but none was given.');
    }
    for (const image of input.sourceImages) {
        if (!isValidUid(image.sopClassUID) || !isValidUid(image.sopInstanceUID)) {
            return srError('INVALID_INPUT', `A measured image has an invalid identifier (SOP Class "${image.sopClassUID}", SOP Instance ` +
                `"${image.sopInstanceUID}"), so no report can be saved with it.`);
        }
    }
    const predecessor = input.predecessor;
    if (predecessor !== undefined) {
        const ids = [predecessor.studyInstanceUID, predecessor.seriesInstanceUID, predecessor.sopInstanceUID, predecessor.sopClassUID];
        if (!ids.every(isValidUid)) {
            return srError('INVALID_INPUT', 'The earlier report that this one replaces has an invalid identifier.');
        }
    }
    return { ok: true, value: null };
}
function checkCoordinateRange(levels) {
    for (const { level, points } of levels) {
        for (const point of Object.values(points)) {
            if (point.some((c) => Math.abs(c) > SR_MAX_ABS_COORDINATE_MM)) {
                return srError('INVALID_INPUT', `${level}: a point lies more than ${SR_MAX_ABS_COORDINATE_MM} mm from the scanner origin ` +
                    `(${point.join(', ')}); it cannot be stored precisely in a DICOM report. Check the image geometry.`);
            }
        }
    }
    return { ok: true, value: null };
}
/** The review status text of a proposed vertebra, e.g. "proposed by image analysis, not reviewed (confidence 0.62)". */
export function reviewStatusText(proposal) {
    return `proposed by image analysis, ${proposal.reviewed ? 'accepted by the reader' : 'not reviewed'} (confidence ${proposal.confidence.toFixed(2)})`;
}
/** The reader's reading as items of the vertebra's group: grade (CODE), endplate depression (CODE), note (TEXT). */
function readingItems(reading) {
    if (reading === undefined || isEmptyReading(reading))
        return [];
    return [
        ...(reading.grade === null ? [] : [codeItem('CONTAINS', READER_GENANT_GRADE, GENANT_GRADE_CODES[reading.grade])]),
        codeItem('CONTAINS', ENDPLATE_DEPRESSION, reading.endplateDepression ? YES_CODE : NO_CODE),
        ...(reading.note === '' ? [] : [textItem('CONTAINS', READER_NOTE, reading.note)]),
    ];
}
/** One TID 1501 group; `vertebra` (the input's vertebra of this level) adds its review status and the reader's reading. */
function measurementGroup(la, trackingUid, frameOfReferenceUID, vertebra) {
    const a = la.assessment;
    const items = [
        textItem('HAS OBS CONTEXT', TRACKING_IDENTIFIER, `vertebra ${la.level}`),
        uidRefItem('HAS OBS CONTEXT', TRACKING_UNIQUE_IDENTIFIER, trackingUid),
        codeItem('HAS CONCEPT MOD', FINDING, VERTEBRA),
        codeItem('HAS CONCEPT MOD', FINDING_SITE, VERTEBRA_CODES[la.level]),
    ];
    for (const line of HEIGHT_LINES) {
        const points = [la.points[line.superior], la.points[line.inferior]];
        items.push(numItem('CONTAINS', line.concept, la.heights[line.key], UNIT_MM, [
            scoord3dItem('INFERRED FROM', 'POLYLINE', points, frameOfReferenceUID),
        ]));
    }
    if (la.referencePosteriorMm !== null) {
        items.push(numItem('CONTAINS', REFERENCE_POSTERIOR_HEIGHT, la.referencePosteriorMm, UNIT_MM));
    }
    items.push(numItem('CONTAINS', WEDGE_RATIO, a.wedgeRatio, UNIT_RATIO));
    items.push(numItem('CONTAINS', BICONCAVITY_RATIO, a.biconcavityRatio, UNIT_RATIO));
    if (a.crushRatio !== null)
        items.push(numItem('CONTAINS', CRUSH_RATIO, a.crushRatio, UNIT_RATIO));
    items.push(numItem('CONTAINS', WEDGE_LOSS, a.wedgeLossPct, UNIT_PERCENT));
    items.push(numItem('CONTAINS', BICONCAVE_LOSS, a.biconcaveLossPct, UNIT_PERCENT));
    if (a.crushLossPct !== null)
        items.push(numItem('CONTAINS', CRUSH_LOSS, a.crushLossPct, UNIT_PERCENT));
    items.push(numItem('CONTAINS', HEIGHT_LOSS, a.heightLossPct, UNIT_PERCENT));
    items.push(codeItem('CONTAINS', GENANT_GRADE, GENANT_GRADE_CODES[a.grade]));
    if (la.wedgeAngleDeg !== null)
        items.push(numItem('CONTAINS', WEDGE_ANGLE, la.wedgeAngleDeg, UNIT_DEGREE));
    if (vertebra?.proposal)
        items.push(textItem('CONTAINS', LANDMARK_REVIEW_STATUS, reviewStatusText(vertebra.proposal)));
    items.push(...readingItems(vertebra?.reading));
    return containerItem('CONTAINS', MEASUREMENT_GROUP, items, TID_MEASUREMENT_GROUP);
}
function imageLibrary(input) {
    const modality = MODALITY_CODES[input.series.modality];
    const descriptors = [
        ...(modality === undefined ? [] : [codeItem('HAS ACQ CONTEXT', MODALITY, modality)]),
        uidRefItem('HAS ACQ CONTEXT', FRAME_OF_REFERENCE_UID, input.series.frameOfReferenceUID),
    ];
    const entries = input.sourceImages.map((image) => imageItem('CONTAINS', image.sopClassUID, image.sopInstanceUID));
    return containerItem('CONTAINS', IMAGE_LIBRARY, [containerItem('CONTAINS', IMAGE_LIBRARY_GROUP, [...descriptors, ...entries])]);
}
function rootContent(input, levels, trackingUids) {
    const frameOfReferenceUID = input.series.frameOfReferenceUID;
    return [
        codeItem('HAS CONCEPT MOD', LANGUAGE_OF_CONTENT, LANGUAGE_ENGLISH_US),
        codeItem('HAS OBS CONTEXT', OBSERVER_TYPE, OBSERVER_DEVICE),
        uidRefItem('HAS OBS CONTEXT', DEVICE_OBSERVER_UID, APP_DEVICE_UID),
        textItem('HAS OBS CONTEXT', DEVICE_OBSERVER_NAME, APP_NAME),
        textItem('HAS OBS CONTEXT', DEVICE_OBSERVER_MANUFACTURER, APP_NAME),
        textItem('HAS OBS CONTEXT', DEVICE_OBSERVER_MODEL_NAME, APP_NAME),
        codeItem('HAS CONCEPT MOD', PROCEDURE_REPORTED, IMAGING_PROCEDURE),
        imageLibrary(input),
        containerItem('CONTAINS', IMAGING_MEASUREMENTS, levels.flatMap((la, index) => {
            const uids = trackingUids[index];
            if (uids === undefined)
                throw new RangeError(`rootContent: no tracking UIDs for ${la.level}`);
            const vertebra = input.vertebrae.find((v) => v.level === la.level);
            return [measurementGroup(la, uids.vertebra, frameOfReferenceUID, vertebra), ...heightLineGroups(la, uids.lines, frameOfReferenceUID)];
        })),
    ];
}
/**
 * True when a copied text holds characters beyond printable ASCII, which then need the UTF-8 character set
 * (ISO_IR 192, dcmjs writes UTF-8); plain ASCII needs no Specific Character Set (PS3.5 Section 6.1.2.1).
 */
function needsUtf8(input) {
    const copied = [input.patient, input.study, input.series.description, input.appVersion, input.vertebrae.map((v) => v.reading?.note ?? '')];
    return /[^\x20-\x7e]/.test(JSON.stringify(copied));
}
function sopReferences(input) {
    return input.sourceImages.map((image) => ({
        ReferencedSOPClassUID: image.sopClassUID,
        ReferencedSOPInstanceUID: image.sopInstanceUID,
    }));
}
/**
 * Writes `input.vertebrae` as a Comprehensive 3D SR (TID 1500 Measurement Report) in a new series of the measured
 * study, Explicit VR Little Endian. Every number comes from assessSpine; points are stored in mm in the series' frame
 * of reference. Refuses uncalibrated images (UNCALIBRATED), empty input (NO_VERTEBRAE), invalid identifiers or points
 * beyond SR_MAX_ABS_COORDINATE_MM (INVALID_INPUT) and vertebrae that cannot be assessed (INVALID_MEASUREMENT).
 * Output is byte-for-byte deterministic for the same input, `now` and UID generator.
 */
export function writeMeasurementReport(input) {
    const checked = checkInput(input);
    if (!checked.ok)
        return checked;
    const spine = assessSpine(input.vertebrae);
    if (!spine.ok)
        return srError('INVALID_MEASUREMENT', spine.error.message);
    const levels = spine.value.levels;
    const inRange = checkCoordinateRange(levels);
    if (!inRange.ok)
        return inRange;
    const newUid = input.newUid ?? randomUid;
    const takeUid = () => {
        const uid = newUid();
        if (!isValidUid(uid))
            throw new TypeError(`writeMeasurementReport: newUid() returned an invalid UID "${uid}"`);
        return uid;
    };
    const seriesInstanceUID = takeUid();
    const sopInstanceUID = takeUid();
    const vertebraUids = levels.map(() => takeUid());
    const trackingUids = vertebraUids.map((vertebra) => ({
        vertebra,
        lines: Array.from({ length: HEIGHT_LINES_PER_VERTEBRA }, () => takeUid()),
    }));
    const date = formatDaUtc(input.now);
    const time = formatTmUtc(input.now);
    const { patient, study, series, predecessor } = input;
    const dataset = {
        // SOP Common
        ...(needsUtf8(input) ? { SpecificCharacterSet: 'ISO_IR 192' } : {}),
        SOPClassUID: COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
        SOPInstanceUID: sopInstanceUID,
        InstanceCreationDate: date,
        InstanceCreationTime: time,
        TimezoneOffsetFromUTC: '+0000',
        CodingSchemeIdentificationSequence: [{ ...LOCAL_SCHEME_IDENTIFICATION }],
        // Patient (copied from the measured images)
        PatientName: patient.name,
        PatientID: patient.id,
        PatientBirthDate: asDa(patient.birthDate),
        PatientSex: asPatientSex(patient.sex),
        // General Study (the same study as the measured images)
        StudyInstanceUID: study.studyInstanceUID,
        StudyDate: asDa(study.studyDate),
        StudyTime: asTm(study.studyTime),
        ReferringPhysicianName: study.referringPhysicianName,
        StudyID: study.studyId,
        AccessionNumber: study.accessionNumber,
        ...(study.description === '' ? {} : { StudyDescription: study.description }),
        // SR Document Series (a new series)
        Modality: 'SR',
        SeriesInstanceUID: seriesInstanceUID,
        SeriesNumber: SR_SERIES_NUMBER,
        SeriesDate: date,
        SeriesTime: time,
        SeriesDescription: SR_SERIES_DESCRIPTION,
        ReferencedPerformedProcedureStepSequence: [],
        // General Equipment
        Manufacturer: APP_NAME,
        SoftwareVersions: input.appVersion,
        // SR Document General
        InstanceNumber: 1,
        CompletionFlag: 'COMPLETE',
        VerificationFlag: 'UNVERIFIED',
        ContentDate: date,
        ContentTime: time,
        PerformedProcedureCodeSequence: [],
        CurrentRequestedProcedureEvidenceSequence: [
            {
                StudyInstanceUID: study.studyInstanceUID,
                ReferencedSeriesSequence: [{ SeriesInstanceUID: series.seriesInstanceUID, ReferencedSOPSequence: sopReferences(input) }],
            },
        ],
        ...(predecessor === undefined
            ? {}
            : {
                PredecessorDocumentsSequence: [
                    {
                        StudyInstanceUID: predecessor.studyInstanceUID,
                        ReferencedSeriesSequence: [
                            {
                                SeriesInstanceUID: predecessor.seriesInstanceUID,
                                ReferencedSOPSequence: [
                                    { ReferencedSOPClassUID: predecessor.sopClassUID, ReferencedSOPInstanceUID: predecessor.sopInstanceUID },
                                ],
                            },
                        ],
                    },
                ],
            }),
        // SR Document Content: the root container
        ValueType: 'CONTAINER',
        ConceptNameCodeSequence: codeSequence(IMAGING_MEASUREMENT_REPORT),
        ContinuityOfContent: 'SEPARATE',
        ContentTemplateSequence: [{ MappingResource: DCMR, TemplateIdentifier: TID_MEASUREMENT_REPORT }],
        ContentSequence: rootContent(input, levels, trackingUids),
    };
    const meta = {
        FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
        MediaStorageSOPClassUID: COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
        MediaStorageSOPInstanceUID: sopInstanceUID,
        TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
        ImplementationClassUID: APP_DEVICE_UID,
        ImplementationVersionName: `${IMPLEMENTATION_NAME_PREFIX}${input.appVersion}`.slice(0, 16),
    };
    return {
        ok: true,
        value: {
            bytes: encodePart10(meta, dataset),
            sopInstanceUID,
            seriesInstanceUID,
            fileName: `vertebral-heights_${date}-${time}.dcm`,
        },
    };
}
