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
  startViewer,
  viewerState,
  type ViewerSession,
} from './decodingHelpers';
import { replaceString, replaceUint16, TAGS, withNewIdentity } from './dicomMutator';
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
 * A two-frame RLE object that claims four frames: the reader accepts it (its pixel data is well formed), but the
 * loader finds no third frame. Before the fix, that throw left the image's promise pending forever and the tab never
 * rendered another series.
 */
const MISSING_FRAMES = 'rle-claims-four-frames.dcm';
const RLE_TWO_FRAMES = 'OBXXXX1A_rle_2frame.dcm';

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
    const rle = new Uint8Array(readFileSync(join(REAL_DICOM.pydicomCodecs, RLE_TWO_FRAMES)));
    writeFileSync(join(scratch, MISSING_FRAMES), replaceString(rle, TAGS.numberOfFrames, '4'));
    session = await startViewer();
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

  it('names the missing frame of an object whose decoding fails, on its own series', async () => {
    await openFiles(session.page, [join(scratch, MISSING_FRAMES)]);
    const key = await seriesKeyOfFile(session.page, MISSING_FRAMES);
    expect(key).not.toBeNull();
    const shown = await showSeries(session.page, key!);
    expect(shown.every((v) => v.loaded)).toBe(true);
    const problems = (await viewerState(session.page)).problems.filter((p) => p.fileName === MISSING_FRAMES);
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
