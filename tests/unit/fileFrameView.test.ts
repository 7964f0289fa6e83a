import { describe, expect, it } from 'vitest';
import { fileFrameRange, type NativeFrameLayout } from '../../viewer/cornerstone/fileFrameView';

/** A signed 16-bit 512² CT slice whose pixel data starts at byte 1,000 of a file that holds exactly that frame. */
const ctSlice: NativeFrameLayout = {
  pixelDataOffsetBytes: 1000,
  fileLengthBytes: 1000 + 512 * 512 * 2,
  bufferOffsetBytes: 0,
  rows: 512,
  columns: 512,
  bitsAllocated: 16,
  frameIndex: 0,
};

describe('fileFrameRange', () => {
  it('places a 16-bit slice right after its pixel data offset', () => {
    expect(fileFrameRange(ctSlice)).toEqual({ offsetBytes: 1000, lengthBytes: 512 * 512 * 2 });
  });

  it('places the third frame of a multi-frame file two frames further on', () => {
    const frameBytes = 64 * 64;
    expect(fileFrameRange({ ...ctSlice, rows: 64, columns: 64, bitsAllocated: 8, frameIndex: 2, fileLengthBytes: 1000 + 3 * frameBytes }))
      .toEqual({ offsetBytes: 1000 + 2 * frameBytes, lengthBytes: frameBytes });
  });

  it.each([
    ['a 32-bit frame', { bitsAllocated: 32 }],
    ['a 1-bit frame', { bitsAllocated: 1 }],
    ['a frame running past the end of the file', { fileLengthBytes: 1000 + 512 * 512 * 2 - 1 }],
    ['a 16-bit frame at an odd address in its buffer', { bufferOffsetBytes: 1 }],
    ['a frame index below zero', { frameIndex: -1 }],
    ['a frame without rows', { rows: 0 }],
  ] as const)('copies out %s (null)', (_name, change) => {
    expect(fileFrameRange({ ...ctSlice, ...change })).toBeNull();
  });
});
