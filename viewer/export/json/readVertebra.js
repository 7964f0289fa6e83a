import { assessSpine, validateSixPoints } from '../../../measurement';
import { readReaderReading } from '../../model/readerReading';
import { finiteVec3OrNull, isRecord, isShortText, isUid, MAX_ID_CHARS, quoteForMessage } from './untrusted';
function rejected(reason) {
    return { ok: false, reason };
}
function readImageReference(raw) {
    if (raw === null || raw === undefined)
        return null;
    if (!isRecord(raw) || !isUid(raw.sopInstanceUID) || raw.sopInstanceUID === '')
        return undefined;
    const frameNumber = raw.frameNumber ?? null;
    if (frameNumber !== null && !(Number.isInteger(frameNumber) && frameNumber >= 1))
        return undefined;
    return { sopInstanceUID: raw.sopInstanceUID, frameNumber: frameNumber };
}
/** Longest reason code and message read from a file, characters. */
const MAX_REASON_CHARS = 500;
const MAX_REASONS = 20;
/** The proposal block: null when absent, undefined when malformed. */
function readProposal(raw) {
    if (raw === null || raw === undefined)
        return null;
    if (!isRecord(raw) || typeof raw.proposed !== 'boolean')
        return undefined;
    const confidence = raw.confidence;
    if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1))
        return undefined;
    const reasons = raw.reasons ?? [];
    if (!Array.isArray(reasons) || reasons.length > MAX_REASONS)
        return undefined;
    const read = [];
    for (const reason of reasons) {
        if (!isRecord(reason) || !isShortText(reason.code, MAX_REASON_CHARS) || !isShortText(reason.message, MAX_REASON_CHARS))
            return undefined;
        read.push({ code: reason.code, message: reason.message });
    }
    return { proposed: raw.proposed, confidence, reasons: read };
}
function readDirection(raw) {
    const v = finiteVec3OrNull(raw);
    return v !== null && Math.hypot(v[0], v[1], v[2]) > 0 ? v : null;
}
/**
 * Checks one vertebra of a file: an id, a level and six points that measurement/ can measure (its message is the
 * reason when not), two view directions, an optional image reference and optional per-vertebra overrides.
 */
export function readVertebra(raw, context) {
    if (!isRecord(raw))
        return rejected(`It is ${quoteForMessage(raw)}, not an object with an id, a level and six points.`);
    if (!isShortText(raw.id, MAX_ID_CHARS) || raw.id === '') {
        return rejected(`Its id (${quoteForMessage(raw.id)}) is not a text of 1 to ${MAX_ID_CHARS} characters.`);
    }
    const level = typeof raw.level === 'string' ? quoteForMessage(raw.level, 16) : raw.level;
    // measurement/'s own checks: six finite points (a copy of them is kept, nothing else), then assessSpine on this one
    // vertebra for the level, coincident pairs and usable heights.
    const checkedPoints = validateSixPoints(raw.points);
    if (!checkedPoints.ok)
        return rejected(checkedPoints.error.message);
    const points = checkedPoints.value;
    const measurable = assessSpine([{ level: level, points }]);
    if (!measurable.ok)
        return rejected(measurable.error.message);
    const viewPlaneNormal = readDirection(raw.viewPlaneNormal);
    if (viewPlaneNormal === null)
        return rejected('Its viewPlaneNormal is not three finite numbers with a length above 0.');
    const viewUp = readDirection(raw.viewUp);
    if (viewUp === null)
        return rejected('Its viewUp is not three finite numbers with a length above 0.');
    const referencedImage = readImageReference(raw.referencedImage);
    if (referencedImage === undefined) {
        return rejected('Its referencedImage is neither null nor { sopInstanceUID, frameNumber (a whole number ≥ 1 or null) }.');
    }
    const frameOfReferenceUID = raw.frameOfReferenceUID ?? context.frameOfReferenceUID;
    if (!isUid(frameOfReferenceUID))
        return rejected('Its frameOfReferenceUID is not a UID (text).');
    const calibrated = raw.calibrated ?? context.calibrated;
    if (typeof calibrated !== 'boolean')
        return rejected('Its calibrated flag is neither true nor false.');
    const proposal = readProposal(raw.proposal);
    if (proposal === undefined) {
        return rejected('Its proposal is neither absent nor { proposed (true/false), confidence (0–1), reasons ([{ code, message }]) }.');
    }
    const reading = raw.readerReading === undefined || raw.readerReading === null ? null : readReaderReading(raw.readerReading);
    if (reading === null && raw.readerReading !== undefined && raw.readerReading !== null) {
        return rejected('Its readerReading is not { grade (0–3 or null), endplateDepression (true/false), note (text) }.');
    }
    return {
        ok: true,
        value: {
            id: raw.id,
            studyInstanceUID: context.studyInstanceUID,
            seriesInstanceUID: context.seriesInstanceUID,
            frameOfReferenceUID,
            level: level,
            points,
            calibrated,
            viewPlaneNormal,
            viewUp,
            referencedImage,
            referencedImageId: referencedImage === null ? null : (context.imageIdOf?.(referencedImage) ?? null),
            ...(proposal === null ? {} : { proposal }),
            reading,
        },
    };
}
/** An imported vertebra as the viewer stores it, once the caller has found the study and series keys its UIDs belong to. */
export function toVertebraMeasurement(imported, keys) {
    return {
        id: imported.id,
        studyKey: keys.studyKey,
        seriesKey: keys.seriesKey,
        frameOfReferenceUID: imported.frameOfReferenceUID,
        level: imported.level,
        points: imported.points,
        calibrated: imported.calibrated,
        viewPlaneNormal: imported.viewPlaneNormal,
        viewUp: imported.viewUp,
        referencedImageId: imported.referencedImageId,
        ...(imported.proposal
            ? { proposed: imported.proposal.proposed, confidence: imported.proposal.confidence, reasons: imported.proposal.reasons }
            : {}),
        ...(imported.reading === null ? {} : { reading: imported.reading }),
    };
}
