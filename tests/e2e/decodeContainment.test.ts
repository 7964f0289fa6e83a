import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECODE_FAILURE,
  REAL_DICOM,
  REFERENCE_CT,
  missingFolders,
  openFiles,
  seriesKeyOfFile,
  showSeries,
  viewerState,
} from './decodingHelpers';
import { startSession, type ViewerSession } from './session';
import * as dicomParser from 'dicom-parser';
import { replaceUint16, TAGS, withNewIdentity } from './dicomMutator';
import { sampleFiles } from './pageObject';

/** Pixel formats cornerstone cannot decode, made from the reference CT slice (16-bit, explicit little endian). */
const UNDECODABLE_FORMATS: ReadonlyArray<readonly [string, (bytes: Uint8Array) => Uint8Array, RegExp]> = [
  ['bits-allocated-12.dcm', (b) => replaceUint16(replaceUint16(replaceUint16(b, TAGS.bitsAllocated, 12), TAGS.bitsStored, 12), TAGS.highBit, 11), /Bits Allocated \(0028,0100\) is 12/],
  ['bits-allocated-7.dcm', (b) => replaceUint16(replaceUint16(replaceUint16(b, TAGS.bitsAllocated, 7), TAGS.bitsStored, 7), TAGS.highBit, 6), /Bits Allocated \(0028,0100\) is 7/],
  ['samples-per-pixel-0.dcm', (b) => replaceUint16(b, TAGS.samplesPerPixel, 0), /Samples per Pixel \(0028,0002\) is 0/],
  // Two samples a pixel over half the rows: as many bytes as the original, so only the format check can refuse it.
  ['samples-per-pixel-2.dcm', (b) => replaceUint16(replaceUint16(b, TAGS.samplesPerPixel, 2), TAGS.rows, 256), /Samples per Pixel \(0028,0002\) is 2/],
];

/**
 * A ten-frame RLE MR whose offset table sends its sixth frame (the one a stack shows first) past the end of the data:
 * the reader accepts it (frames, fragments and table sizes agree), but the loader cannot find that frame. Before the
 * fix, that throw left the image's promise pending forever and the tab never rendered another series.
 */
const LOST_FRAME = 'rle-offset-table-points-nowhere.dcm';
const RLE_TEN_FRAMES = 'emri_small_RLE.dcm';
/** Frame shown first in a ten-frame stack (the middle one, 0-based). */
const MIDDLE_FRAME = 5;

/** A copy whose Basic Offset Table entry for `frame` points far beyond the pixel data. */
function withLostFrame(bytes: Uint8Array, frame: number): Uint8Array {
  const out = bytes.slice();
  const pixels = dicomParser.parseDicom(out).elements.x7fe00010!;
  // The table is the first item: 4 bytes of tag, 4 of length, then one 32-bit offset per frame (PS3.5 A.4).
  new DataView(out.buffer).setUint32(pixels.dataOffset + 8 + frame * 4, 0x00fffff0, true);
  return out;
}

const missing = [
  ...missingFolders('Decode containment', [REAL_DICOM.cornerstoneTestImages, REAL_DICOM.pydicomCodecs]),
];

describe.skipIf(missing.length > 0)('a file that cannot be decoded never stops the next series from rendering', () => {
  let session: ViewerSession;
  let scratch: string;
  let phantomKey: string | null = null;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'vh-containment-'));
    const reference = new Uint8Array(readFileSync(join(REAL_DICOM.cornerstoneTestImages, REFERENCE_CT)));
    UNDECODABLE_FORMATS.forEach(([name, mutate], index) => {
      writeFileSync(join(scratch, name), withNewIdentity(mutate(reference), `2.25.9100${index}`, `2.25.9200${index}`));
    });
    const rle = new Uint8Array(readFileSync(join(REAL_DICOM.pydicomCodecs, RLE_TEN_FRAMES)));
    writeFileSync(join(scratch, LOST_FRAME), withLostFrame(rle, MIDDLE_FRAME));
    session = await startSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it.each(UNDECODABLE_FORMATS)('names %s at read time with its pixel format', async (name, _mutate, message) => {
    await openFiles(session.page, [join(scratch, name)]);
    const problems = (await viewerState(session.page)).problems.filter((p) => p.fileName === name);
    expect(problems.map((p) => p.severity)).toEqual(['error']);
    expect(problems[0]?.message).toMatch(/^unsupported pixel format: /);
    expect(problems[0]?.message).toMatch(message);
  });

  it('names the lost frame of an object whose decoding fails, on its own series', async () => {
    await openFiles(session.page, [join(scratch, LOST_FRAME)]);
    const key = await seriesKeyOfFile(session.page, LOST_FRAME);
    expect(key).not.toBeNull();
    const shown = await showSeries(session.page, key!);
    expect(shown.every((v) => v.loaded)).toBe(true);
    const problems = (await viewerState(session.page)).problems.filter((p) => p.fileName === LOST_FRAME);
    expect(problems.some((p) => p.severity === 'error' && p.message.startsWith(DECODE_FAILURE))).toBe(true);
  });

  it('then renders and fully loads a good series in the same tab', async () => {
    await openFiles(session.page, sampleFiles('baseline', 'ct'));
    phantomKey = await seriesKeyOfFile(session.page, 'CT000001.dcm');
    const shown = await showSeries(session.page, phantomKey!, 120_000);
    expect(shown.map((v) => v.orientation).sort()).toEqual(['axial', 'coronal', 'sagittal']);
    expect(shown.every((v) => v.rendered && v.loaded)).toBe(true);
  }, 180_000);

  it('raises no page error on the way', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
