import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { instanceMetaFromDicomJson } from '../../viewer/loading/dicomJsonMeta';
import { parseInstance } from '../../viewer/loading/parseInstance';
import { writeEnhancedMr } from '../e2e/enhancedSeries';

const SAMPLE = fileURLToPath(new URL('../../sample-data/output', import.meta.url));

/** A Part 10 file as the DICOM JSON a WADO-RS metadata request returns (dcmjs keeps the same tag/vr/Value model). */
function asDicomJson(path: string): { json: Record<string, unknown>; bytes: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(path));
  const file = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const json: Record<string, unknown> = { ...file.dict };
  // A metadata response points to pixel data rather than carrying it.
  json['7FE00010'] = { vr: 'OW', BulkDataURI: 'http://pacs/bulk' };
  return { json, bytes };
}

describe('instanceMetaFromDicomJson', () => {
  it.each([
    ['a CT slice', 'baseline/ct/CT000100.dcm'],
    ['a sagittal MR slice', 'baseline/mr/MR000008.dcm'],
    ['a radiograph with ImagerPixelSpacing only', 'radiograph/CR000001.dcm'],
  ])('reads %s to the same metadata as the Part 10 reader', (_name, file) => {
    const { json, bytes } = asDicomJson(resolve(SAMPLE, file));
    const fromFile = parseInstance(file, bytes);
    if (!fromFile.ok) throw new Error(fromFile.message);
    const fromJson = instanceMetaFromDicomJson(json, file);
    const { transferSyntaxUID: _a, ...expected } = fromFile.meta;
    const { transferSyntaxUID: _b, ...actual } = fromJson;
    expect(actual).toEqual(expected);
  });

  it('reads an Enhanced MR whose Pixel Measures are in each frame\'s own group as the Part 10 reader does: calibrated, 3 mm thick', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vhv-enhanced-json-'));
    try {
      const { json, bytes } = asDicomJson(writeEnhancedMr(dir).path);
      const fromFile = parseInstance('enhanced-mr.dcm', bytes);
      if (!fromFile.ok) throw new Error(fromFile.message);
      const { transferSyntaxUID: _a, ...expected } = fromFile.meta;
      const { transferSyntaxUID: _b, ...actual } = instanceMetaFromDicomJson(json, 'enhanced-mr.dcm');
      expect(actual).toEqual(expected);
      expect(actual).toMatchObject({ numberOfFrames: 15, pixelSpacingMm: [0.9375, 0.9375], calibration: 'calibrated', sliceThicknessMm: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws on an empty or odd object', () => {
    const meta = instanceMetaFromDicomJson({}, 'nothing');
    expect(meta.kind).toBe('other');
    expect(meta.frames).toHaveLength(1);
    expect(instanceMetaFromDicomJson(null, 'null').rows).toBe(0);
  });
});
