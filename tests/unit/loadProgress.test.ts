// @vitest-environment jsdom
import { Enums, eventTarget, triggerEvent, type StreamingImageVolume } from '@cornerstonejs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { followFrameFailures } from '../../viewer/cornerstone/frameFailures';
import { trackLoadProgress, type LoadProgress } from '../../viewer/cornerstone/loadProgress';
import type { DisplayPlan } from '../../viewer/model/displayPlan';
import { frameStatusError } from '../../viewer/loading/frameRequestError';

const IMAGE_IDS = ['wadors:/frames/a', 'wadors:/frames/b', 'wadors:/frames/c'];

/** The part of a streaming volume the failure record and the progress use: image ids and cornerstone's error callback. */
function fakeVolume(imageIds: readonly string[]): StreamingImageVolume {
  const volume = {
    imageIds: [...imageIds],
    getImageIdIndex: (imageId: string) => imageIds.indexOf(imageId),
    errorCallback: () => undefined,
  };
  return volume as unknown as StreamingImageVolume;
}

/** A one-view plan of `imageIds` (all trackLoadProgress reads of a plan). */
function planOf(imageIds: readonly string[]): DisplayPlan {
  return { viewports: [{ viewportId: 'sagittal', imageIds: [...imageIds] }] } as unknown as DisplayPlan;
}

/** The refusal as cornerstone 5.14 reports it to the volume: the retrieve's error, then "Couldn't decode". */
function refuse(volume: StreamingImageVolume, imageId: string, status: number): Error {
  const error = frameStatusError(status);
  volume.errorCallback(imageId, true, error);
  volume.errorCallback(imageId, true, "Couldn't decode");
  return error;
}

const tracked: LoadProgress[] = [];
function track(imageIds: readonly string[]) {
  const messages: Array<[string, string]> = [];
  const progress = trackLoadProgress(planOf(imageIds), new Map(), {
    onLoadProgress: () => undefined,
    onImageError: (imageId, message) => messages.push([imageId, message]),
  });
  tracked.push(progress);
  return { progress, messages };
}

afterEach(() => {
  for (const progress of tracked.splice(0)) progress.dispose();
});

describe('trackLoadProgress', () => {
  describe('when a volume\'s frame is refused before the display listens to image events', () => {
    it('lists it once, by its image, in the words of the frame request\'s error', () => {
      const volume = fakeVolume(IMAGE_IDS);
      followFrameFailures(volume);
      refuse(volume, 'wadors:/frames/c', 401);
      const { progress, messages } = track(IMAGE_IDS);
      progress.failFramesOf(volume);
      progress.settle(IMAGE_IDS);
      progress.failFramesOf(volume);
      expect(messages).toEqual([['wadors:/frames/c', expect.stringMatching(/^image could not be loaded: .*HTTP 401/)]]);
    });

    it('lists nothing for a volume whose frames all came', () => {
      const volume = fakeVolume(IMAGE_IDS);
      followFrameFailures(volume);
      const { progress, messages } = track(IMAGE_IDS);
      progress.failFramesOf(volume);
      expect(messages).toEqual([]);
    });
  });

  describe('when the refusal comes while the display listens', () => {
    it('lists it once, from cornerstone\'s event, and not again from the volume\'s record', () => {
      const volume = fakeVolume(IMAGE_IDS);
      followFrameFailures(volume);
      const { progress, messages } = track(IMAGE_IDS);
      const error = refuse(volume, 'wadors:/frames/a', 500);
      triggerEvent(eventTarget, Enums.Events.IMAGE_LOAD_FAILED, { imageId: 'wadors:/frames/a', error });
      progress.failFramesOf(volume);
      expect(messages).toEqual([['wadors:/frames/a', expect.stringMatching(/^image could not be loaded: .*HTTP 500/)]]);
    });

    it('lists it once when the volume\'s record is read before the event arrives', () => {
      const volume = fakeVolume(IMAGE_IDS);
      followFrameFailures(volume);
      const { progress, messages } = track(IMAGE_IDS);
      const error = refuse(volume, 'wadors:/frames/b', 403);
      progress.failFramesOf(volume);
      triggerEvent(eventTarget, Enums.Events.IMAGE_LOAD_FAILED, { imageId: 'wadors:/frames/b', error });
      expect(messages).toHaveLength(1);
      expect(messages[0]?.[1]).toContain('HTTP 403');
    });
  });
});
