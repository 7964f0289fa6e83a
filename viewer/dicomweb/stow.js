import { isUid } from './config';
import { TAG, numberValue, sequenceItems, stringValue } from './dicomJson';
import { errorFromStatus, invalidQueryError } from './errors';
import { joinUrl, jsonBody, send } from './http';
import { buildMultipart, newBoundary } from './multipart';
import { readPart10Header } from './part10';
import { fail, ok } from './result';
/** Objects sent per STOW-RS request: large enough to be quick, small enough to keep a request under ~15 MB of CT. */
export const STOW_BATCH_SIZE = 20;
/** Statuses whose DICOM JSON body reports each object (PS3.18 10.5.3): all, some with warnings, some or all failed. */
const REPORTING_STATUSES = new Set([200, 202, 400, 409]);
/**
 * Stores DICOM Part 10 files on the PACS (STOW-RS POST {stowRoot}/studies[/{studyUID}]), STOW_BATCH_SIZE per
 * request. Files that are not DICOM are refused here, before sending: Orthanc would keep almost anything. A request
 * that gets no usable answer stops the upload with its error, saying how many objects were stored before.
 */
export async function storeInstances(config, files, studyUID) {
    if (studyUID !== undefined && !isUid(studyUID))
        return fail(invalidQueryError(`'${studyUID}' is not a valid Study Instance UID`));
    const failed = [];
    const sendable = [];
    files.forEach((bytes, index) => {
        const header = readPart10Header(bytes);
        if (header.ok)
            sendable.push({ index, sopInstanceUID: header.value.sopInstanceUID, bytes });
        else
            failed.push({ index, sopInstanceUID: '', reason: `Not stored: ${header.reason}.` });
    });
    let stored = 0;
    for (let start = 0; start < sendable.length; start += STOW_BATCH_SIZE) {
        const batch = sendable.slice(start, start + STOW_BATCH_SIZE);
        const outcome = await storeBatch(config, batch, studyUID);
        if (!outcome.ok) {
            if (stored === 0)
                return outcome;
            return fail({ ...outcome.error, message: `${outcome.error.message} (${stored} of ${files.length} objects were stored before this.)` });
        }
        stored += outcome.value.stored;
        failed.push(...outcome.value.failed);
    }
    failed.sort((a, b) => a.index - b.index);
    return ok({ stored, failed });
}
async function storeBatch(config, batch, studyUID) {
    const boundary = newBoundary();
    const body = buildMultipart(batch.map((item) => ({ contentType: 'application/dicom', body: item.bytes })), boundary);
    const what = 'the upload';
    const sent = await send(config, {
        method: 'POST',
        url: joinUrl(config.stowRoot, studyUID === undefined ? '/studies' : `/studies/${studyUID}`),
        accept: 'application/dicom+json, application/json;q=0.9',
        contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
        body,
        what,
    });
    if (!sent.ok)
        return sent;
    return readStoreAnswer(sent.value, batch, what);
}
/** Matches the PACS's report (ReferencedSOPSequence, FailedSOPSequence) to the objects sent. */
export function readStoreAnswer(answer, batch, what) {
    const success = answer.status >= 200 && answer.status < 300;
    const json = REPORTING_STATUSES.has(answer.status) ? jsonBody(answer, what) : null;
    const report = json?.ok && typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value) ? json.value : null;
    const reported = report !== null && (TAG.ReferencedSOPSequence in report || TAG.FailedSOPSequence in report);
    if (!reported) {
        // 200 without a readable report still means every object was stored (PS3.18 10.5.3.1).
        if (success)
            return ok({ stored: batch.length, failed: [] });
        return fail(errorFromStatus(answer.status, what));
    }
    const storedUids = new Set(sequenceItems(report, TAG.ReferencedSOPSequence).map((item) => stringValue(item, TAG.ReferencedSOPInstanceUID)));
    const failureByUid = new Map();
    for (const item of sequenceItems(report, TAG.FailedSOPSequence)) {
        failureByUid.set(stringValue(item, TAG.ReferencedSOPInstanceUID), failureReason(numberValue(item, TAG.FailureReason)));
    }
    let stored = 0;
    const failed = [];
    for (const item of batch) {
        const failure = failureByUid.get(item.sopInstanceUID);
        if (failure !== undefined)
            failed.push({ index: item.index, sopInstanceUID: item.sopInstanceUID, reason: failure });
        else if (storedUids.has(item.sopInstanceUID) || answer.status === 200)
            stored++;
        else
            failed.push({ index: item.index, sopInstanceUID: item.sopInstanceUID, reason: 'The PACS did not confirm storing this object.' });
    }
    return ok({ stored, failed });
}
/** A clinician-readable reason for a STOW-RS Failure Reason code (PS3.4 Annex GG, PS3.18 Table 10.5.3-3). */
export function failureReason(code) {
    if (code === null)
        return 'The PACS refused this object without saying why.';
    const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const known = {
        0x0110: 'The PACS could not process this object',
        0x0111: 'The PACS already holds a different object with this UID',
        0x0117: 'The PACS found this object invalid',
        0x0122: 'The PACS does not accept this kind of object (SOP class)',
        0x0124: 'This account may not store objects on the PACS',
        0xa700: 'The PACS is out of resources (storage full?)',
        0xa900: 'The object does not match its SOP class',
        0xc122: 'The PACS does not accept this transfer syntax',
    };
    let text = known[code];
    if (text === undefined && code >= 0xa700 && code <= 0xa7ff)
        text = known[0xa700];
    if (text === undefined && code >= 0xc000 && code <= 0xcfff)
        text = 'The PACS could not understand this object';
    return `${text ?? 'The PACS refused this object'} (failure reason ${hex}).`;
}
