import { describe, expect, it } from 'vitest';
import { MIN_STREAMING_RENDER_INTERVAL_MS, STREAMING_RENDER_FRAME_SHARE, streamingRenderDelayMs, streamingRenderDue } from '../../viewer/cornerstone/streamingPace';

describe('streamingRenderDue', () => {
  it.each([
    // framesAtLastRender, framesProcessed, totalFrames, due
    [1, 37, 300, false],
    [1, 38, 300, false],
    [1, 39, 300, true],
    [40, 78, 300, true],
    [40, 77, 300, false],
    [0, 1, 8, true],
    [3, 3, 24, false],
    [3, 6, 24, true],
    [0, 124, 1000, false],
    [0, 125, 1000, true],
  ])('after a render at %i frames, with %i of %i in, is due: %s', (framesAtLastRender, framesProcessed, totalFrames, due) => {
    expect(streamingRenderDue({ framesAtLastRender, framesProcessed, totalFrames })).toBe(due);
  });

  it.each([
    [2, 0],
    [7, 5],
    [24, 7],
    [100, 7],
    [300, 7],
    [1000, 7],
    [1001, 7],
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
    expect(refreshes).toBeLessThan(1 / STREAMING_RENDER_FRAME_SHARE);
  });

  it('never calls a render due without a new frame', () => {
    expect(streamingRenderDue({ framesAtLastRender: 5, framesProcessed: 5, totalFrames: 1 })).toBe(false);
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
