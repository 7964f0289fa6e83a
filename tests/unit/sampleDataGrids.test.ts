import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctGeometry, MR_PIXEL_SPACING_MM, type CtGrid } from '../../sample-data/geometry';
import { createNoiseTable } from '../../sample-data/random';
import { writeCtSeries } from '../../sample-data/series/ctAxial';
import { writeMrSeries } from '../../sample-data/series/mrSagittal';
import { SOP_CLASS, STUDIES, type SeriesInfo } from '../../sample-data/studies';
import { at } from '../../measurement/testing/results';
import { centreOf } from '../bench/assistFigures';
import { regionTruth, wholeSpine } from '../helpers/regionSpines';

/**
 * The phantom's writers on another grid than the phantom's (the browser benchmark's whole spine, T3–S2): an axial CT
 * on a 320 × 320 grid of 0.8 mm, and a sagittal MR 576 rows tall. Only the slices needed are written (a few hundred
 * ms): the CT's one slice through T4's centre.
 */
const spine = wholeSpine();
const field = ctGeometry(spine, 'T3', 'S2');
const t4Centre = centreOf(at(regionTruth(spine, ['T4']), 0).points);
const GRID: CtGrid = { matrix: 320, pixelSpacingMm: 0.8, originXyMm: -128 };
const MR_ROWS = 576;
const series = (modality: 'CT' | 'MR'): SeriesInfo => ({
  key: modality.toLowerCase(),
  seriesInstanceUID: `2.25.${modality === 'CT' ? 1 : 2}`,
  seriesNumber: 1,
  modality,
  description: 'grid test',
  sopClassUID: modality === 'CT' ? SOP_CLASS.ctImage : SOP_CLASS.mrImage,
  frameOfReferenceUID: '2.25.3',
});

let dir = '';
let ctFiles: string[] = [];
let mrFiles: string[] = [];

function read(file: string): Record<string, unknown> & { pixels: Uint16Array } {
  const bytes = readFileSync(join(dir, file));
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  return { ...dataset, pixels: new Uint16Array(at(dataset.PixelData as ArrayBuffer[], 0)) };
}

const numbers = (value: unknown): number[] => (value as (number | string)[]).map(Number);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phantom-grid-'));
  const common = { outDir: dir, study: STUDIES.baseline, spine };
  ctFiles = writeCtSeries({
    ...common,
    relativeDir: 'ct',
    series: series('CT'),
    geometry: { topZMm: Math.round(t4Centre[2]), sliceCount: 1 },
    grid: GRID,
    noiseTable: createNoiseTable('grid/ct', 15),
  });
  mrFiles = writeMrSeries({ ...common, relativeDir: 'mr', series: series('MR'), ctGeometry: field, rows: MR_ROWS, noiseTable: createNoiseTable('grid/mr', 20) });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the phantom writers on a whole-spine grid', () => {
  it('write the axial CT at 0.8 mm on 320 × 320, x = y = 0 at pixel 160, bone at T4\'s centre', () => {
    const slice = read(at(ctFiles, 0));
    expect([slice.Rows, slice.Columns]).toEqual([320, 320]);
    expect(numbers(slice.PixelSpacing)).toEqual([0.8, 0.8]);
    expect(Number(slice.ReconstructionDiameter)).toBe(256);
    expect(numbers(slice.ImagePositionPatient)).toEqual([-128, -128, Math.round(t4Centre[2])]);
    const row = Math.round((t4Centre[1] + 128) / 0.8);
    const hu = at(Array.from(slice.pixels), row * 320 + 160) + Number(slice.RescaleIntercept);
    expect(hu).toBeGreaterThan(100);
  });

  it('write the sagittal MR 576 rows tall, centred on the field', () => {
    const first = read(at(mrFiles, 0));
    expect([first.Rows, first.Columns]).toEqual([MR_ROWS, 320]);
    const topZMm = at(numbers(first.ImagePositionPatient), 2);
    const centreZMm = Math.round(field.topZMm - (field.sliceCount - 1) / 2);
    expect(topZMm).toBeCloseTo(centreZMm + (MR_ROWS / 2) * MR_PIXEL_SPACING_MM, 6);
    expect(topZMm).toBeGreaterThan(t4Centre[2]);
  });
});
