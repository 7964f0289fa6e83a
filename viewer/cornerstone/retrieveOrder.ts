import { Enums, imageLoadPoolManager, imageRetrievalPoolManager, utilities, type Types } from '@cornerstonejs/core';

/**
 * Requests in flight to the server at once, per request type: Chromium opens at most 6 connections per host over
 * HTTP/1.1 (more only queue inside the browser, where nothing can reorder them), so a few more than 6 keep the
 * connections busy while earlier frames decode.
 */
export const MAX_RETRIEVALS_IN_FLIGHT = 6;
/** Frames being fetched or decoded at once, per request type (a retrieval plus the decode that follows it). */
export const MAX_LOADS_IN_FLIGHT = 12;

/** Replaces cornerstone's defaults (1,000 loads and 200 retrievals at once), which hand every frame to the browser. */
export function limitRequestsInFlight(): void {
  for (const type of [Enums.RequestType.Interaction, Enums.RequestType.Thumbnail, Enums.RequestType.Prefetch]) {
    imageLoadPoolManager.setMaxSimultaneousRequests(type, MAX_LOADS_IN_FLIGHT);
    imageRetrievalPoolManager.setMaxSimultaneousRequests(type, MAX_RETRIEVALS_IN_FLIGHT);
  }
}

/**
 * One pass over the slices (`step` apart, starting at `offset`). Together the passes hold every slice (indices ≡ 0
 * mod 8, ≡ 4 mod 8, ≡ 2 mod 4, odd), so a reformat sharpens from every 8th slice to all of them.
 */
export interface RetrievePass {
  readonly id: string;
  readonly step: number;
  readonly offset: number;
}

export const INTERLEAVED_PASSES: readonly RetrievePass[] = [
  { id: 'every8th', step: 8, offset: 0 },
  { id: 'every8thShifted', step: 8, offset: 4 },
  { id: 'every4th', step: 4, offset: 2 },
  { id: 'odd', step: 2, offset: 1 },
];

/** A group of slice indices requested together, in request order. */
export interface RetrieveGroup {
  readonly id: string;
  readonly indices: readonly number[];
}

/**
 * The slice indices of a series of `sliceCount` slices in request order: the middle slice first (the first image of
 * an axial view), then the interleaved passes; every index exactly once, whatever the passes miss in a last group.
 */
export function retrieveGroups(sliceCount: number, passes: readonly RetrievePass[] = INTERLEAVED_PASSES): RetrieveGroup[] {
  if (sliceCount <= 0) return [];
  const middle = Math.floor((sliceCount - 1) / 2);
  const seen = new Set([middle]);
  const groups: RetrieveGroup[] = [{ id: 'middle', indices: [middle] }];
  for (const pass of [...passes, { id: 'rest', step: 1, offset: 0 }]) {
    const indices: number[] = [];
    for (let index = pass.offset; index < sliceCount; index += pass.step) {
      if (!seen.has(index)) {
        seen.add(index);
        indices.push(index);
      }
    }
    if (indices.length > 0) groups.push({ id: pass.id, indices });
  }
  return groups;
}

/**
 * Makes the streaming volume `volumeId` (of `sliceCount` slices) request its slices in `retrieveGroups` order: the
 * middle slice at interaction priority, then the passes. Each frame is requested once: no lossy first pass and no
 * replicated neighbours, so what is drawn is always a decoded frame.
 */
export function orderVolumeRetrieval(volumeId: string, sliceCount: number): void {
  const stages: Types.RetrieveStage[] = retrieveGroups(sliceCount).map((group, i) => ({
    id: group.id,
    // cornerstone reads a position below 1 as a fraction of the series: 0 is the first slice either way.
    positions: [...group.indices],
    retrieveType: 'default',
    requestType: i === 0 ? Enums.RequestType.Interaction : Enums.RequestType.Prefetch,
    priority: i,
  }));
  utilities.imageRetrieveMetadataProvider.add(volumeId, { stages });
}
