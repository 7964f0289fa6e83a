import { authHeader, isUid } from '../dicomweb/config';
import { joinUrl } from '../dicomweb/http';
import { numberValue, stringValue, values } from '../dicomweb/dicomJson';
import { transferSyntaxAnnounced } from '../dicomweb/framePart';
import { loadEntryCodec } from './compressedFrame';
import { cross, dot } from './stackGeometry';
import { confirmMiddleSlice } from './middleSliceCheck';
import { markStartup } from './startupMark';
import { warmUpCanvas2d } from './canvasWarmUp';
import { compositorStarted } from './firstFrame';
import { frameOfAnswer } from './frameAnswer';
import { readAheadFrames } from './frameReadAhead';
import { inRetrieveOrder, middleSliceIndex } from './retrieveOrder';
/** What a WADO-RS frame request accepts: any transfer syntax, as the server stores it (no transcoding). */
export const FRAME_MEDIA_TYPE = 'multipart/related; type=application/octet-stream; transfer-syntax=*';
/** Series of these modalities hold no images: the study opens on its first image series (as actions/pacs.ts). */
export const NON_IMAGE_MODALITIES = new Set(['SR', 'PR', 'KO', 'SEG', 'DOC']);
/** The series a study opens on: its first CT series, else its first image series (in series-number order). */
export function seriesOpenedFirst(series) {
    const images = series.filter((s) => !NON_IMAGE_MODALITIES.has(s.modality));
    return images.find((s) => s.modality === 'CT') ?? images[0];
}
/** The WADO-RS root as an absolute URL (frame image ids carry absolute URLs), without a trailing slash. */
export function absoluteWadoRoot(root) {
    return new URL(root.replace(/\/+$/, ''), window.location.href).toString().replace(/\/+$/, '');
}
/** The WADO-RS URL of one frame (PS3.18 §10.4.1.1.5), frames counted from 1. */
export function frameUrl(input) {
    return `${absoluteWadoRoot(input.wadoRoot)}/studies/${input.studyUID}/series/${input.seriesUID}/instances/${input.sopUID}/frames/${input.frameNumber}`;
}
/**
 * Frames requested before the viewer asked for them, by frame URL: the middle slice of the series a study opens on,
 * fetched as soon as the series metadata is in so that its first image can be drawn before cornerstone's rendering
 * engine is up (see cornerstone/earlyImage.ts). The frame loader takes each once (`takeEarlyFrame`), so the frame
 * crosses the network once; a failed early request answers null and the loader asks again.
 */
const earlyFrames = new Map();
/** The early request for `url`, without taking it (the early image reads it; the frame loader takes it later). */
export function peekEarlyFrame(url) {
    return earlyFrames.get(url) ?? null;
}
/** The early request for `url`, once: later calls (another load of the same frame) ask the server themselves. */
export function takeEarlyFrame(url) {
    const frame = earlyFrames.get(url);
    if (frame === undefined)
        return null;
    earlyFrames.delete(url);
    return frame;
}
/** Three numbers of a DICOM JSON attribute, or null. */
function numbersOf(json, tag, count) {
    const list = values(json, tag).map(Number);
    return list.length === count && list.every(Number.isFinite) ? list : null;
}
/**
 * The SOP Instance UIDs of a single-frame series in cornerstone's volume order (ascending along the normal of the first
 * slice's ImageOrientationPatient, `sortImageIdsAndGetSpacing`); null when an instance lacks a position or orientation
 * or holds several frames (the series' own analysis then decides alone).
 */
export function sopUidsInSliceOrder(instances) {
    const [first] = instances;
    const orientation = numbersOf(first, '00200037', 6);
    if (orientation === null)
        return null;
    const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = orientation;
    const normal = cross([rx, ry, rz], [cx, cy, cz]);
    const slices = [];
    for (const json of instances) {
        const position = numbersOf(json, '00200032', 3);
        const sopUID = stringValue(json, '00080018');
        if (position === null || sopUID === '' || (numberValue(json, '00280008') ?? 1) !== 1)
            return null;
        slices.push({ sopUID, distanceMm: dot([position[0] ?? 0, position[1] ?? 0, position[2] ?? 0], normal) });
    }
    slices.sort((a, b) => a.distanceMm - b.distanceMm);
    return slices.map((slice) => slice.sopUID);
}
/**
 * The SOP Instance UID of the middle slice of a single-frame series in volume order (`sopUidsInSliceOrder`, index
 * ⌊n/2⌋, the slice its views open on); null when the order is not known. The early image checks that the display plan
 * agrees before drawing it.
 */
export function middleSliceSopUid(instances) {
    const ordered = sopUidsInSliceOrder(instances);
    return ordered?.[middleSliceIndex(ordered.length)] ?? null;
}
/**
 * The instance numbers the middle slice (index ⌊n/2⌋ along the slice normal) has when a series of `instanceCount`
 * slices is numbered 1…n in slice order, rising or falling along the normal: ⌊n/2⌋ + 1 or n − ⌊n/2⌋ (one number for
 * an odd count, two for an even one). A guess to start the frame early, never a choice: only the series metadata says
 * which slice is the middle one (see prefetchMiddleFrame). Empty for fewer than two slices or a count that is no count.
 */
export function likelyMiddleInstanceNumbers(instanceCount) {
    if (instanceCount === null || !Number.isSafeInteger(instanceCount) || instanceCount < 2)
        return [];
    const middleIndex = Math.floor(instanceCount / 2);
    return [...new Set([middleIndex + 1, instanceCount - middleIndex])];
}
const DICOM_JSON = 'application/dicom+json, application/json;q=0.9';
function requestHeaders(config, accept) {
    const header = authHeader(config);
    return { Accept: accept, ...(header === null ? {} : { Authorization: header }) };
}
/** What the instance searches ask for beyond the defaults: ImagePositionPatient, ImageOrientationPatient, NumberOfFrames. */
const SLICE_FIELDS = '00200032,00200037,00280008';
/**
 * The instance numbered `instanceNumber` in the series, with its position and orientation (QIDO-RS filtered on
 * InstanceNumber, `includefield` for the two: a server answers the filter from its index and the fields from that one
 * instance), or null when there is not exactly one such instance or the search fails. A server that ignores
 * `includefield` answers no position: the instance is then only good for its frame (see confirmMiddleSlice).
 */
async function instanceNumbered(config, series, instanceNumber) {
    // At most two answers: one is the instance, two say the number is not unique (or the server ignored the filter).
    const url = joinUrl(config.qidoRoot, `/studies/${series.studyUID}/series/${series.seriesUID}/instances`, [['InstanceNumber', String(instanceNumber)], ['includefield', SLICE_FIELDS], ['limit', '2']]);
    const item = await onlyItemOf(config, url);
    if (item === null)
        return null;
    const sopUID = stringValue(item, '00080018');
    if (!isUid(sopUID) || (numberValue(item, '00200013') ?? instanceNumber) !== instanceNumber)
        return null;
    const position = numbersOf(item, '00200032', 3);
    return {
        instanceNumber,
        sopUID,
        positionMm: position === null ? null : [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0],
        orientation: numbersOf(item, '00200037', 6),
        frames: numberValue(item, '00280008') ?? 1,
    };
}
/**
 * The DICOM JSON of one instance (WADO-RS GET …/instances/{uid}/metadata: the server reads that one file), or null
 * when the server refuses or answers anything but that instance.
 */
async function instanceMetadata(config, series, sopUID) {
    const url = joinUrl(config.wadoRoot, `/studies/${series.studyUID}/series/${series.seriesUID}/instances/${sopUID}/metadata`);
    const item = await onlyItemOf(config, url);
    return item !== null && stringValue(item, '00080018') === sopUID && stringValue(item, '0020000E') === series.seriesUID ? item : null;
}
/**
 * The one item of a DICOM JSON answer (a QIDO-RS search or a WADO-RS metadata request), or null when the server
 * refuses, cannot be reached, answers no content or anything but exactly one item.
 */
async function onlyItemOf(config, url) {
    try {
        const response = await fetch(url, { headers: requestHeaders(config, DICOM_JSON) });
        if (!response.ok || response.status === 204)
            return null;
        const items = await response.json();
        return Array.isArray(items) && items.length === 1 ? items[0] : null;
    }
    catch {
        return null;
    }
}
let earlySlice = null;
/** The middle slice established early for the one study the address names, or null (none, several, or in doubt). */
export function confirmedEarlySlice() {
    return earlySlice ?? Promise.resolve(null);
}
/** Starts the early request of one frame of the series, unless it was started already; answers its request. */
function requestEarlyFrame(config, series, sopUID) {
    const url = frameUrl({ wadoRoot: config.wadoRoot, studyUID: series.studyUID, seriesUID: series.seriesUID, sopUID, frameNumber: 1 });
    const started = earlyFrames.get(url);
    if (started !== undefined)
        return started;
    // Not stored in the HTTP cache either, as the frame loader's requests (loading/dicomWebFrame.ts).
    const frame = fetch(url, { cache: 'no-store', headers: requestHeaders(config, FRAME_MEDIA_TYPE) })
        .then((response) => {
        // A compressed frame's codec starts loading as soon as the answer's header names its syntax, while its body
        // comes in (the first image decodes it; cornerstone/entryImage.ts).
        const announced = transferSyntaxAnnounced(response.headers.get('Content-Type') ?? '');
        if (response.ok && announced !== null)
            void loadEntryCodec(announced)?.then(() => markStartup('entry-codec'), () => undefined);
        return frameOfAnswer(response);
    })
        .catch(() => null);
    earlyFrames.set(url, frame);
    return frame;
}
/**
 * Requests the middle slice of the series the study opens on, and keeps the answer for the early image and the frame
 * loader. While the series metadata (which the server may take seconds to assemble: it reads every file) is on its
 * way, the frames of the instances numbered as the middle slice would be in a series numbered in slice order are
 * requested already (likelyMiddleInstanceNumbers): when the metadata names one of them as the middle slice, its frame
 * is on its way or in; when it names another, that one is requested then, as before. The guessed frames are frames
 * of the series the volume loads anyway and the frame loader takes them once, so no frame is requested twice; none is
 * guessed once the metadata is in (the viewer may be asking for frames itself by then). With `establish` (the address
 * names this one study) the instances numbered 1 and n are searched for too, and each guess' own metadata fetched:
 * when the ends show the series numbered in slice order with a guess at the middle slice's place
 * (confirmMiddleSlice), that slice is published (confirmedEarlySlice), so the early image need not wait for the
 * series metadata. Any failure (no image series, no
 * metadata, a refused frame or search) leaves nothing behind but a null answer: the viewer then loads the frame as it
 * always does.
 */
export async function prefetchMiddleFrame(config, studyUID, series, options = { establish: true }) {
    const opened = seriesOpenedFirst(series);
    if (opened === undefined || !isUid(studyUID) || !isUid(opened.seriesInstanceUID))
        return;
    const address = { studyUID, seriesUID: opened.seriesInstanceUID };
    let metadataIn = false;
    // Each guess' own metadata is asked for with its frame (one small answer more for an even count), so it is in by the
    // time the two ends have confirmed the middle one.
    const guessMetadata = new Map();
    const guesses = likelyMiddleInstanceNumbers(opened.instanceCount).map((instanceNumber) => instanceNumbered(config, address, instanceNumber).then((found) => {
        if (found !== null && found.frames === 1 && !metadataIn) {
            void requestEarlyFrame(config, address, found.sopUID).then(() => markStartup('guessed-frame'));
            if (options.establish)
                guessMetadata.set(found.sopUID, instanceMetadata(config, address, found.sopUID));
        }
        return found;
    }));
    // While the metadata is on its way the main thread waits: the one-time set-up of 2-D canvases happens then (once
    // the guessed frames are asked for), not when the early image is drawn; and not before the compositor's own set-up
    // with the GPU process is done, which it would wait behind (firstFrame.ts).
    void Promise.all(guesses).then(compositorStarted).then(() => {
        warmUpCanvas2d();
        markStartup('canvas-warm');
    });
    if (options.establish)
        earlySlice ??= guesses.length === 0 ? Promise.resolve(null) : establishMiddle(config, address, opened.instanceCount ?? 0, guesses, guessMetadata);
    const metadata = await opened.metadata;
    metadataIn = true;
    markStartup('series-metadata');
    if (!metadata.ok)
        return;
    const ordered = sopUidsInSliceOrder(metadata.value);
    const sopUID = ordered?.[middleSliceIndex(ordered.length)];
    if (ordered === null || sopUID === undefined)
        return;
    const middleFrame = requestEarlyFrame(config, address, sopUID);
    readAheadSeries(config, address, ordered);
    await middleFrame;
    markStartup('early-frame');
}
/**
 * Hands the rest of the series' frames to the frame fetch worker (loading/frameReadAhead.ts) in the order its volume
 * will ask for them (`inRetrieveOrder`), now that the series metadata says that order, rather than when the viewer's
 * code has loaded and made the volume: a second or two of transfer more before the rendering engine's start holds the
 * page. Frames requested early are left out. A series the viewer then shows as a stack takes the same frames.
 */
function readAheadSeries(config, series, sopUIDs) {
    const urls = inRetrieveOrder(sopUIDs)
        .map((sopUID) => frameUrl({ wadoRoot: config.wadoRoot, studyUID: series.studyUID, seriesUID: series.seriesUID, sopUID, frameNumber: 1 }))
        .filter((url) => !earlyFrames.has(url));
    if (urls.length > 0)
        readAheadFrames(urls, requestHeaders(config, FRAME_MEDIA_TYPE));
}
/**
 * Whether a guessed instance is the series' middle slice, from the instances numbered 1 and n (confirmMiddleSlice), and
 * if so its own metadata: what the early image needs to be drawn before the series metadata is in. Null on any doubt
 * or refusal (the early image then waits for the series metadata, as before).
 */
async function establishMiddle(config, address, instanceCount, guesses, guessMetadata) {
    const [first, last, ...candidates] = await Promise.all([
        instanceNumbered(config, address, 1),
        instanceNumbered(config, address, instanceCount),
        ...guesses,
    ]);
    const middle = confirmMiddleSlice({ instanceCount, first: first ?? null, last: last ?? null, candidates });
    if (middle === null) {
        markStartup('middle-doubted');
        return null;
    }
    const metadata = await (guessMetadata.get(middle.sopUID) ?? instanceMetadata(config, address, middle.sopUID));
    if (metadata === null) {
        markStartup('middle-doubted');
        return null;
    }
    markStartup('middle-confirmed');
    return {
        ...address,
        sopUID: middle.sopUID,
        frameUrl: frameUrl({ wadoRoot: config.wadoRoot, studyUID: address.studyUID, seriesUID: address.seriesUID, sopUID: middle.sopUID, frameNumber: 1 }),
        metadata,
        sliceCount: instanceCount,
        endPositionsMm: middle.endPositionsMm,
    };
}
