import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { instanceMetaFromDicomJson } from '../../viewer/loading/dicomJsonMeta';
import { parseInstance } from '../../viewer/loading/parseInstance';

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

  it('never throws on an empty or odd object', () => {
    const meta = instanceMetaFromDicomJson({}, 'nothing');
    expect(meta.kind).toBe('other');
    expect(meta.frames).toHaveLength(1);
    expect(instanceMetaFromDicomJson(null, 'null').rows).toBe(0);
  });
});
