import { cache, Enums, imageLoadPoolManager, imageRetrievalPoolManager, utilities } from '@cornerstonejs/core';
import { readAheadDicomWebFrames } from '../loading/dicomWebFrame';
import { inRetrieveOrder, retrieveGroups } from '../loading/retrieveOrder';
import { WADORS_SCHEME } from './wadorsFrameLoader';
/**
 * Requests in flight to the server at once, per request type: Chromium opens at most 6 connections per host over
 * HTTP/1.1 (more only queue inside the browser, where nothing can reorder them), so a few more than 6 keep the
 * connections busy while earlier frames decode.
 */
export const MAX_RETRIEVALS_IN_FLIGHT = 6;
/** Frames being fetched or decoded at once, per request type (a retrieval plus the decode that follows it). */
export const MAX_LOADS_IN_FLIGHT = 12;
/** Replaces cornerstone's defaults (1,000 loads and 200 retrievals at once), which hand every frame to the browser. */
export function limitRequestsInFlight() {
    for (const type of [Enums.RequestType.Interaction, Enums.RequestType.Thumbnail, Enums.RequestType.Prefetch]) {
        imageLoadPoolManager.setMaxSimultaneousRequests(type, MAX_LOADS_IN_FLIGHT);
        imageRetrievalPoolManager.setMaxSimultaneousRequests(type, MAX_RETRIEVALS_IN_FLIGHT);
    }
}
/**
 * Makes the streaming volume `volumeId` (of `sliceCount` slices) request its slices in `retrieveGroups` order: the
 * middle slice at interaction priority, then the passes. Each frame is requested once: no lossy first pass and no
 * replicated neighbours, so what is drawn is always a decoded frame.
 */
export function orderVolumeRetrieval(volumeId, sliceCount) {
    const stages = retrieveGroups(sliceCount).map((group, i) => ({
        id: group.id,
        // cornerstone reads a position below 1 as a fraction of the series: 0 is the first slice either way.
        positions: [...group.indices],
        retrieveType: 'default',
        requestType: i === 0 ? Enums.RequestType.Interaction : Enums.RequestType.Prefetch,
        priority: i,
    }));
    utilities.imageRetrieveMetadataProvider.add(volumeId, { stages });
}
/**
 * Hands the DICOMweb frames of a volume about to stream in (`imageIds` in slice order) to the frame fetch worker, in
 * the order `orderVolumeRetrieval` makes the volume ask for them, so that they keep arriving while the page's main
 * thread is held. Frames of other sources (local files) and frames the image cache holds (a stack view of the same
 * series loaded them; the volume takes them from there) are left out.
 */
export function readAheadVolumeFrames(imageIds) {
    const urls = inRetrieveOrder(imageIds)
        .filter((imageId) => imageId.startsWith(WADORS_SCHEME) && cache.getImageLoadObject(imageId) === undefined)
        .map((imageId) => imageId.slice(WADORS_SCHEME.length));
    readAheadDicomWebFrames(urls);
}
