import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { releasePixelData } from '../../viewer/loading/releasePixelData';

const CT_DIR = fileURLToPath(new URL('../../sample-data/output/baseline/ct', import.meta.url));
const MR_DIR = fileURLToPath(new URL('../../sample-data/output/baseline/mr', import.meta.url));
const hasSample = existsSync(CT_DIR) && existsSync(MR_DIR);

/** Every element's value as text (or its nested items' values), for comparing a dataset before and after. */
function headerValues(dataSet: dicomParser.DataSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    if (tag === 'x7fe00010') continue;
    out[tag] = element.items ? element.items.map((item) => (item.dataSet ? headerValues(item.dataSet) : null)) : Array.from(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length));
  }
  return out;
}

describe.skipIf(!hasSample)('releasePixelData', () => {
  it.each([['a CT slice', CT_DIR], ['an MR slice', MR_DIR]])('keeps every header value of %s and lets go of the file\'s bytes', (_label, dir) => {
    const bytes = new Uint8Array(readFileSync(join(dir, readdirSync(dir).sort()[0]!)));
    const dataSet = dicomParser.parseDicom(bytes);
    const before = headerValues(dataSet);
    const pixel = dataSet.elements.x7fe00010!;
    const pixels = bytes.slice(pixel.dataOffset, pixel.dataOffset + pixel.length);

    const range = releasePixelData(dataSet);

    expect(range).toEqual({ offsetBytes: pixel.dataOffset, lengthBytes: pixel.length });
    // The frame read back from the file at that range is the frame.
    expect(bytes.subarray(range!.offsetBytes, range!.offsetBytes + range!.lengthBytes)).toEqual(pixels);
    expect(dataSet.byteArray.buffer).not.toBe(bytes.buffer);
    expect(dataSet.byteArray.length).toBe(pixel.dataOffset);
    expect(headerValues(dataSet)).toEqual(before);
    expect(dataSet.string('x00281052')).toBe(dicomParser.parseDicom(bytes).string('x00281052'));
    expect(releasePixelData(dataSet)).toBeNull();
  });

  it('rebases the datasets nested in sequences, so none holds the file\'s bytes', () => {
    const bytes = new Uint8Array(readFileSync(join(CT_DIR, readdirSync(CT_DIR).sort()[0]!)));
    const dataSet = dicomParser.parseDicom(bytes);
    releasePixelData(dataSet);
    const holders: string[] = [];
    const walk = (ds: dicomParser.DataSet, path: string): void => {
      if (ds.byteArray.buffer === bytes.buffer) holders.push(path);
      for (const [tag, element] of Object.entries(ds.elements)) element.items?.forEach((item, i) => item.dataSet && walk(item.dataSet, `${path}/${tag}[${i}]`));
    };
    walk(dataSet, 'root');
    expect(holders).toEqual([]);
  });

  it('releases nothing of encapsulated (compressed) pixel data', () => {
    const bytes = new Uint8Array(readFileSync(join(CT_DIR, readdirSync(CT_DIR).sort()[0]!)));
    const dataSet = dicomParser.parseDicom(bytes);
    dataSet.elements.x7fe00010!.encapsulatedPixelData = true;
    expect(releasePixelData(dataSet)).toBeNull();
    expect(dataSet.byteArray.buffer).toBe(bytes.buffer);
  });
});
