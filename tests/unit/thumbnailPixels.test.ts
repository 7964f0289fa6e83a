import { describe, expect, it } from 'vitest';
import { linearWindowGrey, thumbnailRgba, thumbnailSize, type ThumbnailSource } from '../../viewer/cornerstone/thumbnailPixels';

describe('linearWindowGrey', () => {
  // Window centre 40, width 400 (a CT soft-tissue window): below −159.5 black, above 239.5 white (PS3.3 C.11.2.1.2.1).
  it.each([
    [-1000, 0],
    [-160, 0],
    [39.5, 128],
    [240, 255],
    [3000, 255],
  ])('shows %s HU as grey %i', (valueHu, grey) => {
    expect(linearWindowGrey(valueHu, 40, 400)).toBe(grey);
  });

  it('rises with the value inside the window', () => {
    const greys = [-100, 0, 100, 200].map((v) => linearWindowGrey(v, 40, 400));
    expect(greys).toEqual([...greys].sort((a, b) => a - b));
    expect(new Set(greys).size).toBe(4);
  });
});

describe('thumbnailSize', () => {
  it.each([
    [512, 512, 48, 48, 48],
    [512, 256, 48, 48, 24],
    [100, 400, 48, 12, 48],
  ])('fits %i × %i pixels into a %i px square as %i × %i', (columns, rows, side, width, height) => {
    expect(thumbnailSize(columns, rows, side)).toEqual({ widthPx: width, heightPx: height });
  });
});

describe('thumbnailRgba', () => {
  /** A 4 × 2 greyscale image: stored 0, 100, 200, 300 on each row (shown −1024 … −724 HU with intercept −1024). */
  const ramp: ThumbnailSource = {
    pixels: Int16Array.from([0, 100, 200, 300, 0, 100, 200, 300]),
    columns: 4,
    rows: 2,
    samplesPerPixel: 1,
    slope: 1,
    intercept: -1024,
    windowCenter: -874,
    windowWidth: 301,
    invert: false,
  };

  it('takes each thumbnail pixel from the image pixel at its centre, through the modality LUT and the window', () => {
    const rgba = thumbnailRgba(ramp, 2, 1);
    // Thumbnail pixel 0 covers columns 0–1 (centre in column 1: stored 100), pixel 1 columns 2–3 (column 3: 300).
    expect(Array.from(rgba)).toEqual([linearWindowGrey(-924, -874, 301), linearWindowGrey(-924, -874, 301), linearWindowGrey(-924, -874, 301), 255, 255, 255, 255, 255]);
  });

  it('inverts MONOCHROME1', () => {
    const rgba = thumbnailRgba({ ...ramp, invert: true }, 4, 1);
    expect(rgba[0]).toBe(255);
    expect(rgba[12]).toBe(0);
  });

  it('copies colour pixels as stored, opaque', () => {
    const colour: ThumbnailSource = { ...ramp, pixels: Uint8Array.from([10, 20, 30, 40, 50, 60]), columns: 2, rows: 1, samplesPerPixel: 3 };
    expect(Array.from(thumbnailRgba(colour, 2, 1))).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });
});
