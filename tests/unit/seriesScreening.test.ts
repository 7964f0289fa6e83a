import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../viewer/loading/parseInstance';
import { groupInstances, type LoadedInstance } from '../../viewer/loading/grouping';
import { deduplicateInstances } from '../../viewer/loading/duplicates';
import { planDisplay } from '../../viewer/model/displayPlan';
import { replaceString, TAGS } from '../e2e/dicomMutator';

const PHANTOM_CT = fileURLToPath(new URL('../../sample-data/output/baseline/ct', import.meta.url));
const hasPhantom = existsSync(resolve(PHANTOM_CT, 'CT000001.dcm'));
if (!hasPhantom) console.warn('seriesScreening: skipped, the phantom is absent (run `npm run sample`)');

/** Ten consecutive phantom slices, the `badIndex`-th changed by `mutate`, read as the viewer reads local files. */
function phantomSeries(mutate?: (bytes: Uint8Array) => Uint8Array, badIndex = 4): LoadedInstance[] {
  return Array.from({ length: 10 }, (_, i) => {
    const name = `CT${String(i + 101).padStart(6, '0')}.dcm`;
    const original = new Uint8Array(readFileSync(resolve(PHANTOM_CT, name)));
    const bytes = i === badIndex && mutate ? mutate(original) : original;
    const outcome = parseInstance(name, bytes);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
    return { meta: outcome.meta, imageIds: [`dicomfile:${i}`] };
  });
}

function planOf(instances: readonly LoadedInstance[]) {
  const series = groupInstances(instances)[0]!.studies[0]!.series[0]!;
  return planDisplay(series);
}

describe.skipIf(!hasPhantom)('a series with one bad slice keeps its good slices', () => {
  it('opens ten good phantom slices as a calibrated volume with reformats', () => {
    const plan = planOf(phantomSeries());
    expect(plan.mode).toBe('mpr');
    expect(plan.calibrated).toBe(true);
    expect(plan.imageIds).toHaveLength(10);
  });

  it.each([
    ['a malformed PixelSpacing', TAGS.pixelSpacing, '0.7\\0\xe97', /Pixel Spacing \(0028,0030\) is malformed \("0\.7\\0.7"\)/],
    ['a PixelSpacing "abc"', TAGS.pixelSpacing, 'abc', /Pixel Spacing \(0028,0030\) is malformed/],
    ['a negative PixelSpacing', TAGS.pixelSpacing, '-1\\1', /Pixel Spacing \(0028,0030\) is malformed \("-1\\1"\)/],
    ['a "nan" position', TAGS.imagePositionPatient, 'nan\\0\\0', /Image Position \(Patient\) \(0020,0032\) is malformed/],
    ['a degenerate orientation', TAGS.imageOrientationPatient, '0\\0\\0\\0\\0\\0', /Image Orientation \(Patient\) \(0020,0037\) is malformed/],
  ] as const)('leaves out and names an end slice with %s, and the rest stays a calibrated volume', (_name, tag, value, message) => {
    const instances = phantomSeries((bytes) => replaceString(bytes, tag, value), 9);
    const plan = planOf(instances);
    expect(plan.mode).toBe('mpr');
    expect(plan.calibrated).toBe(true);
    expect(plan.imageIds).toHaveLength(9);
    expect(plan.imageIds).not.toContain('dicomfile:9');
    expect(plan.fileNotes).toEqual([{ fileName: 'CT000110.dcm', message: expect.stringMatching(message) as unknown as string }]);
  });

  it('leaves out a middle slice with a malformed spacing: the gap makes a calibrated stack, never an uncalibrated one', () => {
    const plan = planOf(phantomSeries((bytes) => replaceString(bytes, TAGS.pixelSpacing, '0.7\\0\xe97'), 4));
    expect(plan.calibrated).toBe(true);
    expect(plan.imageIds).toHaveLength(9);
    expect(plan.notes.join(' ')).toMatch(/irregular/);
    expect(plan.fileNotes.map((n) => n.fileName)).toEqual(['CT000105.dcm']);
  });

  it('keeps every slice (uncalibrated) when all of them have the same malformed spacing', () => {
    const instances = phantomSeries().map((_, i) => phantomSeries((b) => replaceString(b, TAGS.pixelSpacing, 'abc'), i)[i]!);
    const plan = planOf(instances);
    expect(plan.imageIds).toHaveLength(10);
    expect(plan.calibrated).toBe(false);
  });
});

describe.skipIf(!hasPhantom)('deduplicateInstances', () => {
  it('keeps the first copy of a file opened twice and says it is already open', () => {
    const [first] = phantomSeries();
    const again = { ...first!, imageIds: ['dicomfile:again'] };
    const { kept, duplicates } = deduplicateInstances([first!, again]);
    expect(kept).toEqual([first]);
    expect(duplicates.map((d) => [d.dropped.imageIds[0], d.message])).toEqual([['dicomfile:again', expect.stringMatching(/already open/)]]);
  });

  it('prefers the copy with well-formed geometry even when the malformed one was read first, and says why', () => {
    const good = phantomSeries()[4]!;
    const bad = phantomSeries((b) => replaceString(b, TAGS.pixelSpacing, 'abc'))[4]!;
    const corrupt = { ...bad, meta: { ...bad.meta, fileName: 'corrupt-copy.dcm' } };
    const { kept, duplicates } = deduplicateInstances([corrupt, good]);
    expect(kept.map((i) => i.meta.fileName)).toEqual(['CT000105.dcm']);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]!.dropped.meta.fileName).toBe('corrupt-copy.dcm');
    expect(duplicates[0]!.message).toBe('same SOP Instance UID as "CT000105.dcm", which is shown instead (kept because this copy\'s Pixel Spacing (0028,0030) is malformed ("abc"))');
  });

  it('keeps the first read of two well-formed copies under different names', () => {
    const [a] = phantomSeries();
    const b = { ...a!, meta: { ...a!.meta, fileName: 'copy/CT000101.dcm' } };
    const { duplicates } = deduplicateInstances([a!, b]);
    expect(duplicates.map((d) => d.message)).toEqual(['same SOP Instance UID as "CT000101.dcm", which is shown instead (kept because it was read first)']);
  });
});
