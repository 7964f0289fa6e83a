/**
 * Reading DICOM JSON (PS3.18 F.2): an object keyed by 8-hex-digit tags, each `{ vr, Value: [...] }`. Servers differ in
 * details (lowercase tags, numbers sent as strings, a missing Value for an empty attribute), so every reader here
 * accepts `unknown` and returns an empty answer instead of throwing.
 */
/** Tags the client reads, by keyword. */
export const TAG = {
    SpecificCharacterSet: '00080005',
    SOPClassUID: '00080016',
    SOPInstanceUID: '00080018',
    StudyDate: '00080020',
    StudyTime: '00080030',
    AccessionNumber: '00080050',
    Modality: '00080060',
    ModalitiesInStudy: '00080061',
    ReferringPhysicianName: '00080090',
    RetrieveURL: '00081190',
    FailedSOPSequence: '00081198',
    ReferencedSOPSequence: '00081199',
    ReferencedSOPClassUID: '00081150',
    ReferencedSOPInstanceUID: '00081155',
    FailureReason: '00081197',
    WarningReason: '00081196',
    StudyDescription: '00081030',
    SeriesDescription: '0008103E',
    PatientName: '00100010',
    PatientID: '00100020',
    PatientBirthDate: '00100030',
    PatientSex: '00100040',
    StudyInstanceUID: '0020000D',
    SeriesInstanceUID: '0020000E',
    StudyID: '00200010',
    SeriesNumber: '00200011',
    InstanceNumber: '00200013',
    NumberOfStudyRelatedSeries: '00201206',
    NumberOfStudyRelatedInstances: '00201208',
    NumberOfSeriesRelatedInstances: '00201209',
};
/** The attribute stored under `tag` (8 hex digits, either case), or undefined. */
export function attribute(json, tag) {
    if (!isObject(json))
        return undefined;
    const upper = tag.toUpperCase();
    const found = json[upper] ?? json[upper.toLowerCase()];
    return isObject(found) ? (found) : undefined;
}
/** All values of the attribute; empty when it is absent or has no Value array. */
export function values(json, tag) {
    const found = attribute(json, tag)?.Value;
    return Array.isArray(found) ? found : [];
}
/** The first value of the attribute, or undefined. */
export function value(json, tag) {
    return values(json, tag)[0];
}
/** The first value as text: strings as sent, numbers written out, person names by their alphabetic form; '' if none. */
export function stringValue(json, tag) {
    return asText(value(json, tag));
}
/** Every value as text (see stringValue); values that cannot be text are dropped. */
export function stringValues(json, tag) {
    return values(json, tag).map(asText).filter((text) => text !== '');
}
/** The alphabetic form of the first person name ('FAMILY^GIVEN'), or '' when there is none. */
export function personName(json, tag) {
    return asText(value(json, tag));
}
/** The first value as a finite number (IS and DS may arrive as numbers or as strings), or null. */
export function numberValue(json, tag) {
    const first = value(json, tag);
    if (typeof first === 'number')
        return Number.isFinite(first) ? first : null;
    if (typeof first === 'string' && first.trim() !== '') {
        const parsed = Number(first.trim());
        return Number.isFinite(parsed) ? parsed : null;
    }
    return null;
}
/** The items of a sequence attribute; items that are not objects are dropped. */
export function sequenceItems(json, tag) {
    return values(json, tag).filter(isObject);
}
function asText(raw) {
    if (typeof raw === 'string')
        return raw;
    if (typeof raw === 'number' && Number.isFinite(raw))
        return String(raw);
    if (isObject(raw) && typeof raw.Alphabetic === 'string')
        return raw.Alphabetic;
    return '';
}
function isObject(raw) {
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
