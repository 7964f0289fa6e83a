import type { StreamingImageVolume } from '@cornerstonejs/core';
import { describe, expect, it } from 'vitest';
import { failedFramesOf, followFrameFailures, frameFailuresOf } from '../../viewer/cornerstone/frameFailures';

/** The part of a streaming volume the follower uses: its image ids and cornerstone's error callback, counting calls. */
function fakeVolume(imageIds: string[]) {
  const calls: unknown[][] = [];
  const volume = {
    imageIds,
    getImageIdIndex: (imageId: string) => imageIds.indexOf(imageId),
    errorCallback(...args: unknown[]) {
      calls.push(args);
    },
  };
  return { volume: volume as unknown as StreamingImageVolume, calls };
}

describe('followFrameFailures', () => {
  it('passes on the first permanent failure of a frame and drops the second (the retriever\'s "Couldn\'t decode")', () => {
    const { volume, calls } = fakeVolume(['a', 'b', 'c']);
    followFrameFailures(volume);
    volume.errorCallback('b', true, new Error('the server refused the frame request (401)'));
    volume.errorCallback('b', true, "Couldn't decode");
    expect(calls).toHaveLength(1);
    expect([...failedFramesOf(volume)]).toEqual([1]);
  });

  it('passes on failures that are not permanent without remembering them', () => {
    const { volume, calls } = fakeVolume(['a', 'b']);
    followFrameFailures(volume);
    volume.errorCallback('a', false, new Error('partial'));
    volume.errorCallback('a', true, new Error('gone'));
    expect(calls).toHaveLength(2);
    expect([...failedFramesOf(volume)]).toEqual([0]);
  });

  it('reads the volume loader\'s own binding (index, image id, error, done)', () => {
    const { volume, calls } = fakeVolume(['a', 'b', 'c']);
    followFrameFailures(volume);
    const bound = (volume.errorCallback as unknown as (...args: unknown[]) => void).bind(volume, 2, 'c');
    bound(new Error('refused'), true);
    volume.errorCallback('c', true, "Couldn't decode");
    expect(calls).toHaveLength(1);
    expect([...failedFramesOf(volume)]).toEqual([2]);
  });

  it('follows a volume once, and knows nothing of a volume it does not follow', () => {
    const { volume, calls } = fakeVolume(['a']);
    followFrameFailures(volume);
    followFrameFailures(volume);
    volume.errorCallback('a', true, new Error('x'));
    volume.errorCallback('a', true, new Error('y'));
    expect(calls).toHaveLength(1);
    expect(failedFramesOf(fakeVolume(['a']).volume).size).toBe(0);
  });

  it('keeps each failed frame\'s image id and first error, in the order they failed', () => {
    const { volume } = fakeVolume(['a', 'b', 'c']);
    followFrameFailures(volume);
    const refused = new Error('the server refused the frame request (401)');
    volume.errorCallback('c', true, refused);
    volume.errorCallback('c', true, "Couldn't decode");
    const bound = (volume.errorCallback as unknown as (...args: unknown[]) => void).bind(volume, 0, 'a');
    bound('no answer', true);
    expect(frameFailuresOf(volume)).toEqual([{ imageId: 'c', error: refused }, { imageId: 'a', error: 'no answer' }]);
    expect(frameFailuresOf(fakeVolume(['a']).volume)).toEqual([]);
  });
});
