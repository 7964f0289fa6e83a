import { isUid } from './config';
import { invalidQueryError, malformedError } from './errors';
import { expectSuccess, joinUrl, jsonBody, send } from './http';
import { TAG, numberValue, personName, stringValue, stringValues } from './dicomJson';
import { boundaryFromContentType, parseContentType, parseMultipart } from './multipart';
import { hasPart10Marker } from './part10';
import { fail, ok } from './result';
import { keepEarlyAnswer, takeEarlyAnswer } from './earlyAnswers';
export { storeInstances, STOW_BATCH_SIZE } from './stow';
const DICOM_JSON = 'application/dicom+json, application/json;q=0.9';
const STUDY_FIELDS = ['StudyDate', 'StudyTime', 'StudyDescription', 'AccessionNumber', 'ModalitiesInStudy', 'NumberOfStudyRelatedInstances', 'PatientName', 'PatientID'];
const SERIES_FIELDS = ['Modality', 'SeriesNumber', 'SeriesDescription', 'NumberOfSeriesRelatedInstances'];
/** Searches the PACS for studies (QIDO-RS GET {qidoRoot}/studies). */
export async function searchStudies(config, query) {
    const params = studyQueryParams(query);
    if (!params.ok)
        return params;
    const what = 'the study search';
    const items = await getJsonArray(config, joinUrl(config.qidoRoot, '/studies', params.value), what);
    if (!items.ok)
        return items;
    const studies = items.value.map(studySummary).filter((study) => study.studyInstanceUID !== '');
    return ok(studies);
}
/** Lists the series of one study (QIDO-RS GET {qidoRoot}/studies/{uid}/series), in series-number order. */
export async function searchSeries(config, studyUID, filter = {}) {
    if (!isUid(studyUID))
        return fail(invalidQueryError(`'${studyUID}' is not a valid Study Instance UID`));
    const items = await getJsonArray(config, seriesSearchUrl(config, studyUID, filter), 'the series list');
    if (!items.ok)
        return items;
    return ok(seriesSummaries(items.value, studyUID));
}
function seriesSearchUrl(config, studyUID, filter = {}) {
    const params = [];
    if (filter.modality?.trim())
        params.push(['Modality', filter.modality.trim().toUpperCase()]);
    for (const field of SERIES_FIELDS)
        params.push(['includefield', field]);
    return joinUrl(config.qidoRoot, `/studies/${studyUID}/series`, params);
}
function seriesSummaries(items, studyUID) {
    return items
        .map((item) => seriesSummary(item, studyUID))
        .filter((entry) => entry.seriesInstanceUID !== '')
        .sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity));
}
function seriesMetadataUrl(config, studyUID, seriesUID) {
    return joinUrl(config.wadoRoot, `/studies/${studyUID}/series/${seriesUID}/metadata`);
}
/**
 * Starts, ahead of time, what opening a study asks first: its series search and the metadata of each of its series.
 * `searchSeries` and `retrieveSeriesMetadata` take these answers (once each) instead of asking again. Resolves with the
 * series whose metadata is on its way (none when the search failed), for whatever else may start early.
 */
export async function prefetchStudy(config, studyUID) {
    if (!isUid(studyUID))
        return [];
    const searchUrl = seriesSearchUrl(config, studyUID);
    const search = fetchJsonArray(config, searchUrl, 'the series list');
    keepEarlyAnswer(searchUrl, search);
    const items = await search;
    if (!items.ok)
        return [];
    const prefetched = [];
    for (const series of seriesSummaries(items.value, studyUID)) {
        if (!isUid(series.seriesInstanceUID))
            continue;
        const url = seriesMetadataUrl(config, studyUID, series.seriesInstanceUID);
        const metadata = fetchJsonArray(config, url, 'the series metadata');
        keepEarlyAnswer(url, metadata);
        prefetched.push({ seriesInstanceUID: series.seriesInstanceUID, modality: series.modality, instanceCount: series.instanceCount, metadata });
    }
    return prefetched;
}
/** The DICOM JSON of every instance of a series (WADO-RS GET …/series/{uid}/metadata), bulk data as URIs. */
export async function retrieveSeriesMetadata(config, studyUID, seriesUID) {
    const bad = firstBadUid([studyUID, seriesUID]);
    if (bad !== null)
        return fail(invalidQueryError(`'${bad}' is not a valid UID`));
    return getJsonArray(config, seriesMetadataUrl(config, studyUID, seriesUID), 'the series metadata');
}
/**
 * One instance as its DICOM Part 10 file (WADO-RS GET …/instances/{uid}), in the transfer syntax it was stored in.
 * A server that refuses 'transfer-syntax=*' (HTTP 406) is asked once more without it.
 */
export async function retrieveInstance(config, studyUID, seriesUID, sopUID) {
    const bad = firstBadUid([studyUID, seriesUID, sopUID]);
    if (bad !== null)
        return fail(invalidQueryError(`'${bad}' is not a valid UID`));
    const url = joinUrl(config.wadoRoot, `/studies/${studyUID}/series/${seriesUID}/instances/${sopUID}`);
    const what = 'the image download';
    const accepts = ['multipart/related; type="application/dicom"; transfer-syntax=*', 'multipart/related; type="application/dicom"'];
    for (const accept of accepts) {
        const sent = await send(config, { method: 'GET', url, accept, what });
        if (!sent.ok)
            return sent;
        if (sent.value.status === 406)
            continue;
        const answer = expectSuccess(sent.value, what);
        if (!answer.ok)
            return answer;
        return dicomFromAnswer(answer.value.body, answer.value.headers.get('Content-Type') ?? '', what);
    }
    return fail(malformedError(what, 'the PACS cannot send the image as a DICOM file (HTTP 406)', 406));
}
function dicomFromAnswer(body, contentType, what) {
    const { mediaType } = parseContentType(contentType);
    let bytes = body;
    if (mediaType.startsWith('multipart/')) {
        const boundary = boundaryFromContentType(contentType);
        if (boundary === null)
            return fail(malformedError(what, 'the multipart answer names no boundary'));
        const parts = parseMultipart(body, boundary);
        if (!parts.ok)
            return fail(malformedError(what, parts.reason));
        const [firstPart] = parts.value;
        if (firstPart === undefined)
            return fail(malformedError(what, 'the multipart answer has no parts'));
        bytes = firstPart.body;
    }
    if (!hasPart10Marker(bytes))
        return fail(malformedError(what, 'the object sent is not a DICOM file'));
    return ok(bytes);
}
/** A JSON list from the server, or the answer `prefetchStudy` already requested for the same URL. */
function getJsonArray(config, url, what) {
    return takeEarlyAnswer(url) ?? fetchJsonArray(config, url, what);
}
async function fetchJsonArray(config, url, what) {
    const sent = await send(config, { method: 'GET', url, accept: DICOM_JSON, what });
    if (!sent.ok)
        return sent;
    const answer = expectSuccess(sent.value, what);
    if (!answer.ok)
        return answer;
    if (answer.value.status === 204)
        return ok([]);
    const json = jsonBody(answer.value, what);
    if (!json.ok)
        return json;
    if (json.value === null)
        return ok([]);
    if (!Array.isArray(json.value))
        return fail(malformedError(what, 'the answer is not a list', answer.value.status));
    return ok(json.value);
}
/** The QIDO query parameters for a study search, or why the query is not valid. */
export function studyQueryParams(query) {
    const params = [];
    const name = query.patientName?.trim();
    if (name)
        params.push(['PatientName', name]);
    const id = query.patientId?.trim();
    if (id)
        params.push(['PatientID', id]);
    const from = query.studyDateFrom?.trim() ?? '';
    const to = query.studyDateTo?.trim() ?? '';
    for (const [label, date] of [['start', from], ['end', to]]) {
        if (date !== '' && !isDicomDate(date))
            return fail(invalidQueryError(`the ${label} date '${date}' is not a date written YYYYMMDD`));
    }
    if (from !== '' && to !== '' && from > to)
        return fail(invalidQueryError(`the start date ${from} is after the end date ${to}`));
    if (from !== '' || to !== '')
        params.push(['StudyDate', from === to ? from : `${from}-${to}`]);
    const modality = query.modality?.trim().toUpperCase();
    if (modality)
        params.push(['ModalitiesInStudy', modality]);
    for (const [key, count] of [['limit', query.limit], ['offset', query.offset]]) {
        if (count === undefined)
            continue;
        if (!Number.isInteger(count) || count < 0)
            return fail(invalidQueryError(`${key} must be a whole number of 0 or more, not ${count}`));
        params.push([key, String(count)]);
    }
    for (const field of STUDY_FIELDS)
        params.push(['includefield', field]);
    return ok(params);
}
function isDicomDate(text) {
    if (!/^\d{8}$/.test(text))
        return false;
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(4, 6));
    const day = Number(text.slice(6, 8));
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function studySummary(item) {
    return {
        studyInstanceUID: stringValue(item, TAG.StudyInstanceUID),
        patientName: personName(item, TAG.PatientName),
        patientId: stringValue(item, TAG.PatientID),
        studyDate: stringValue(item, TAG.StudyDate),
        studyTime: stringValue(item, TAG.StudyTime),
        studyDescription: stringValue(item, TAG.StudyDescription),
        accessionNumber: stringValue(item, TAG.AccessionNumber),
        modalities: stringValues(item, TAG.ModalitiesInStudy),
        instanceCount: numberValue(item, TAG.NumberOfStudyRelatedInstances),
    };
}
function seriesSummary(item, studyUID) {
    return {
        studyInstanceUID: stringValue(item, TAG.StudyInstanceUID) || studyUID,
        seriesInstanceUID: stringValue(item, TAG.SeriesInstanceUID),
        modality: stringValue(item, TAG.Modality),
        seriesNumber: numberValue(item, TAG.SeriesNumber),
        seriesDescription: stringValue(item, TAG.SeriesDescription),
        instanceCount: numberValue(item, TAG.NumberOfSeriesRelatedInstances),
    };
}
function firstBadUid(uids) {
    return uids.find((uid) => !isUid(uid)) ?? null;
}
