import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import { parseInstance } from '../../viewer/loading/parseInstance';
import { kindOfSopClass } from '../../viewer/loading/sopClass';
import { calibrationOf } from '../../viewer/loading/calibration';

const SHARED = fileURLToPath(new URL('../../../shared/dicom', import.meta.url));
const hasShared = existsSync(SHARED);

function parseShared(relative: string) {
  return parseInstance(relative, new Uint8Array(readFileSync(resolve(SHARED, relative))));
}

describe('kindOfSopClass', () => {
  it.each([
    ['1.2.840.10008.5.1.4.1.1.88.33', false, 'sr'],
    ['1.2.840.10008.5.1.4.1.1.66.4', true, 'seg'],
    ['1.2.840.10008.5.1.4.1.1.104.1', false, 'pdf'],
    ['1.2.840.10008.5.1.4.1.1.11.1', false, 'presentation-state'],
    ['1.2.840.10008.5.1.4.1.1.2', true, 'image'],
    ['1.2.840.10008.5.1.4.1.1.2', false, 'image'],
    ['1.2.840.10008.5.1.4.1.1.481.5', false, 'other'],
    ['', false, 'other'],
  ])('calls SOP class %s (pixel data: %s) "%s"', (uid, hasPixels, kind) => {
    expect(kindOfSopClass(uid, hasPixels)).toBe(kind);
  });
});

describe('calibrationOf', () => {
  const CT = '1.2.840.10008.5.1.4.1.1.2';
  const DX = '1.2.840.10008.5.1.4.1.1.1.1';
  const CR = '1.2.840.10008.5.1.4.1.1.1';
  it.each([
    ['a CT with PixelSpacing', CT, [0.7, 0.7], null, '', 'calibrated'],
    ['a CT without spacing', CT, null, null, '', 'none'],
    ['a DX with ImagerPixelSpacing only', DX, null, [0.2, 0.2], '', 'detector'],
    ['a DX whose PixelSpacing copies ImagerPixelSpacing', DX, [0.2, 0.2], [0.2, 0.2], '', 'detector'],
    ['a DX with a geometry calibration type', DX, [0.2, 0.2], [0.2, 0.2], 'GEOMETRY', 'calibrated'],
    ['a CR corrected for magnification', CR, [0.18, 0.18], [0.2, 0.2], '', 'calibrated'],
  ] as const)('calls %s "%s"', (_name, sop, ps, ips, type, expected) => {
    expect(calibrationOf(sop, ps as unknown as [number, number] | null, ips as unknown as [number, number] | null, type)).toBe(expected);
  });
});

describe('parseInstance on bytes that are not DICOM', () => {
  it('says a text file is not a DICOM Part 10 file', () => {
    const outcome = parseInstance('notes.txt', new TextEncoder().encode('hello, this is not an image'.repeat(10)));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/not a DICOM/);
  });
  it('says an empty file is not DICOM', () => {
    const outcome = parseInstance('empty.dcm', new Uint8Array(0));
    expect(outcome.ok).toBe(false);
  });
});

describe.skipIf(!hasShared)('parseInstance on real files from ../shared/dicom', () => {
  it('reads a CT slice: geometry, spacing, identification', () => {
    const outcome = parseShared('cornerstone3d-testimages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { meta } = outcome;
    expect(meta.kind).toBe('image');
    expect(meta.modality).toBe('CT');
    expect(meta.rows).toBeGreaterThan(0);
    expect(meta.pixelSpacingMm).not.toBeNull();
    expect(meta.frames).toHaveLength(1);
    expect(at(meta.frames, 0).positionMm).toHaveLength(3);
    expect(at(meta.frames, 0).orientation).toHaveLength(6);
  });

  it('reads every transfer syntax of the same CT slice to the same metadata', () => {
    const dir = resolve(SHARED, 'cornerstone3d-testimages');
    const variants = readdirSync(dir).filter((f) => f.startsWith('CTImage.dcm_'));
    const reference = parseShared('cornerstone3d-testimages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm');
    expect(variants.length).toBeGreaterThan(10);
    for (const name of variants) {
      const outcome = parseShared(`cornerstone3d-testimages/${name}`);
      expect(outcome.ok, name).toBe(true);
      if (outcome.ok && reference.ok) {
        expect(outcome.meta.rows, name).toBe(reference.meta.rows);
        expect(at(outcome.meta.frames, 0).positionMm, name).toEqual(at(reference.meta.frames, 0).positionMm);
      }
    }
  });

  it('lists an SR without pixel data as a structured report, not a broken image', () => {
    const outcome = parseShared('cornerstone3d-testimages/no-pixel-data.dcm');
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.meta.kind).toBe('sr');
  });

  it('warns that an image without pixel spacing is uncalibrated', () => {
    const outcome = parseShared('cornerstone3d-testimages/no-pixel-spacing.dcm');
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.meta.pixelSpacingMm).toBeNull();
      expect(outcome.warnings.join(' ')).toMatch(/uncalibrated/);
    }
  });

  it('treats PixelSpacing 0\\0 as absent', () => {
    const outcome = parseShared('pydicom-data-codecs/RG1_J2KI.dcm');
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.meta.pixelSpacingMm).toBeNull();
  });

  it('does not call a DX calibrated when its PixelSpacing only copies ImagerPixelSpacing', () => {
    const outcome = parseShared('misc-edgecases/highdicom_dx_image_oddlength.dcm');
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.meta.imagerPixelSpacingMm).not.toBeNull();
      expect(outcome.meta.calibration).toBe('detector');
      expect(outcome.warnings.join(' ')).toMatch(/ImagerPixelSpacing/);
    }
  });

  it('names truncation in the message for a file cut short', () => {
    const outcome = parseShared('pydicom-testfiles-edgecases/MR_truncated.dcm');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/truncated/);
  });

  it('reads the frames of an enhanced MR: one plane per frame from the functional groups', () => {
    const outcome = parseShared('pydicom-data-codecs/emri_small.dcm');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.meta.numberOfFrames).toBe(10);
    expect(outcome.meta.frames).toHaveLength(10);
  });

  it('reads a deflated file', () => {
    const outcome = parseShared('cornerstone3d-testimages/CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm');
    expect(outcome.ok).toBe(true);
  });

  it('never throws on any edge-case file', () => {
    const dir = resolve(SHARED, 'pydicom-testfiles-edgecases');
    for (const name of readdirSync(dir)) {
      const outcome = parseShared(`pydicom-testfiles-edgecases/${name}`);
      expect(typeof outcome.ok, name).toBe('boolean');
      if (!outcome.ok) expect(outcome.message.length, name).toBeGreaterThan(10);
    }
  });

  it('reads the real J2K series with empty Study and Series UIDs', () => {
    const dir = resolve(SHARED, 'totalseg-example-ct-j2k');
    const metas = readdirSync(dir).map((f) => parseShared(`totalseg-example-ct-j2k/${f}`));
    expect(metas.every((m) => m.ok)).toBe(true);
  });
});

describe.skipIf(!hasShared)('parseInstance given a dataset the image loader already parsed', () => {
  const ct = 'cornerstone3d-testimages/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm';
  const other = 'pydicom-testfiles-edgecases/CT_small.dcm';
  const bytesOf = (relative: string) => new Uint8Array(readFileSync(resolve(SHARED, relative)));

  it.each([ct, other])('reads %s to the same metadata as from its bytes', (relative) => {
    const bytes = bytesOf(relative);
    expect(parseInstance(relative, bytes, dicomParser.parseDicom(bytes))).toEqual(parseInstance(relative, bytes));
  });

  it('takes the metadata from the given dataset instead of parsing the bytes again', () => {
    const outcome = parseInstance(ct, bytesOf(ct), dicomParser.parseDicom(bytesOf(other)));
    const expected = parseInstance(other, bytesOf(other));
    expect(outcome.ok && expected.ok && outcome.meta.sopInstanceUID).toBe(expected.ok && expected.meta.sopInstanceUID);
  });

  it('still refuses bytes without the DICM marker, whatever dataset comes with them', () => {
    const outcome = parseInstance('notes.txt', new TextEncoder().encode('not DICOM'.repeat(20)), dicomParser.parseDicom(bytesOf(ct)));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/not a DICOM Part 10 file/);
  });
});
