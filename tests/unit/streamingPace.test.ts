import { describe, expect, it } from 'vitest';
import { MIN_STREAMING_RENDER_INTERVAL_MS, streamingRefreshCounts, streamingRenderDelayMs, streamingRenderDue } from '../../viewer/cornerstone/streamingPace';

describe('streamingRefreshCounts', () => {
  it.each([
    // totalFrames, the frame counts at which a pass of the request order is complete (the last pass left out)
    [1, []],
    [2, [1]],
    [8, [1, 2, 4]],
    [96, [1, 12, 24, 48]],
    [100, [1, 14, 26, 50]],
    [300, [1, 39, 76, 150]],
    [1000, [1, 126, 250, 500]],
  ])('for %i frames refreshes at %j frames in', (totalFrames, counts) => {
    expect(streamingRefreshCounts(totalFrames)).toEqual(counts);
  });
});

describe('streamingRenderDue', () => {
  it.each([
    // framesAtLastRender, framesProcessed, totalFrames, due
    [1, 38, 300, false],
    [1, 39, 300, true],
    [1, 80, 300, true],
    [40, 75, 300, false],
    [40, 76, 300, true],
    [76, 149, 300, false],
    [76, 150, 300, true],
    [150, 299, 300, false],
    [0, 1, 8, true],
    [2, 3, 8, false],
    [3, 4, 8, true],
    [1, 125, 1000, false],
    [1, 126, 1000, true],
  ])('after a render at %i frames, with %i of %i in, is due: %s', (framesAtLastRender, framesProcessed, totalFrames, due) => {
    expect(streamingRenderDue({ framesAtLastRender, framesProcessed, totalFrames })).toBe(due);
  });

  it.each([
    [2, 0],
    [8, 2],
    [24, 3],
    [100, 3],
    [300, 3],
    [1000, 3],
    [1001, 3],
  ])('for %i frames arriving one by one, refreshes %i times between the first frame and the last', (totalFrames, expected) => {
    let framesAtLastRender = 1;
    let refreshes = 0;
    for (let framesProcessed = 2; framesProcessed < totalFrames; framesProcessed++) {
      if (streamingRenderDue({ framesAtLastRender, framesProcessed, totalFrames })) {
        refreshes++;
        framesAtLastRender = framesProcessed;
      }
    }
    expect(refreshes).toBe(expected);
  });

  it('refreshes once for frames that arrive past two pass ends at once', () => {
    expect(streamingRenderDue({ framesAtLastRender: 1, framesProcessed: 100, totalFrames: 300 })).toBe(true);
    expect(streamingRenderDue({ framesAtLastRender: 100, framesProcessed: 149, totalFrames: 300 })).toBe(false);
  });

  it('never calls a render due without a new frame', () => {
    expect(streamingRenderDue({ framesAtLastRender: 5, framesProcessed: 5, totalFrames: 1 })).toBe(false);
    expect(streamingRenderDue({ framesAtLastRender: 39, framesProcessed: 39, totalFrames: 300 })).toBe(false);
  });
});

describe('streamingRenderDelayMs', () => {
  it.each([
    [0, MIN_STREAMING_RENDER_INTERVAL_MS],
    [100, MIN_STREAMING_RENDER_INTERVAL_MS],
    [400, 1200],
    [1000, 3000],
  ])('waits after a render of %i ms for %i ms', (renderMs, delayMs) => {
    expect(streamingRenderDelayMs(renderMs)).toBe(delayMs);
  });
});
