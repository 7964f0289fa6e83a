import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessSpine, type LevelAssessment, type SixPoints } from '../../measurement';
import {
  readMeasurementReport,
  writeMeasurementReport,
  type SrExportInput,
  type SrVertebra,
} from '../../viewer/export/sr';
import * as codes from '../../viewer/export/sr/codes';
import {
  childrenOf,
  codeOf,
  conceptOf,
  containerItem,
  imageItem,
  itemsOf,
  numItem,
  sameCode,
  stringOf,
  type ContentItem,
} from '../../viewer/export/sr/contentItems';
import { decodePart10, encodePart10, type NaturalDataset } from '../../viewer/export/sr/dicomCodec';
import { at } from '../../measurement/testing/results';
import { ENHANCED_SR, cornerstoneGroup, foreignReport, ohifLengthGroup, scoordOn } from '../helpers/ohifStyleSr';

const SHARED_DICOM = resolve(__dirname, '../../../shared/dicom');
const FOREIGN_SR = join(SHARED_DICOM, 'cornerstone3d-testimages/no-pixel-data.dcm');
const SHARED_CT = join(SHARED_DICOM, 'cornerstone3d-testimages/CTImage.dcm');
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const TOLERANCE_MM = 0.001;

// ── Fixtures: six-point placements on a sagittal CT (patient LPS, mm), hand-placed like a reader would ────────────
/** T12 of normal shape: Ha ≈ 25.7, Hm ≈ 25.5, Hp ≈ 25.8 mm. */
const normalT12: SixPoints = {
  anteriorSuperior: [0.37, -38.214, 156.102],
  anteriorInferior: [0.41, -37.652, 130.447],
  middleSuperior: [0.29, -22.518, 155.318],
  middleInferior: [0.33, -21.904, 129.871],
  posteriorSuperior: [0.22, -6.28473585, 154.927],
  posteriorInferior: [0.25, -5.713, 129.108],
};
/** L1 with an anterior wedge of about 32 % (Genant grade 2); the point from the issue is its posterior inferior. */
const wedgeL1Grade2: SixPoints = {
  anteriorSuperior: [0.12, -37.911, 113.58],
  anteriorInferior: [0.18, -37.406, 95.741310979],
  middleSuperior: [0.05, -22.147, 121.036],
  middleInferior: [0.09, -21.732, 96.218],
  posteriorSuperior: [0.0, -6.552, 121.822],
  posteriorInferior: [0.0, -6.28473585, 95.741310979],
};
/** L2 of normal shape, slightly rotated out of the sagittal plane. */
const normalL2: SixPoints = {
  anteriorSuperior: [-0.21, -38.627, 87.315],
  anteriorInferior: [-0.17, -38.902, 60.12],
  middleSuperior: [-0.26, -22.744, 86.903],
  middleInferior: [-0.22, -23.051, 59.844],
  posteriorSuperior: [-0.31, -6.952, 87.441],
  posteriorInferior: [-0.28, -7.208, 60.016],
};

const VERTEBRAE: [SrVertebra, SrVertebra, SrVertebra] = [
  { level: 'L1', points: wedgeL1Grade2 },
  { level: 'T12', points: normalT12 },
  { level: 'L2', points: normalL2 },
];

function counterUids(): () => string {
  let next = 0;
  return () => `2.25.${(next += 1)}`;
}

function exportInput(overrides: Partial<SrExportInput> = {}): SrExportInput {
  return {
    patient: { name: 'Doe^Jane', id: 'VHV-0001', birthDate: '19480312', sex: 'F' },
    study: {
      studyInstanceUID: '1.2.826.0.1.3680043.8.498.1',
      studyDate: '20240115',
      studyTime: '093000',
      studyId: 'S1',
      accessionNumber: 'ACC42',
      referringPhysicianName: 'House^Gregory',
      description: 'CT thoracolumbar spine',
    },
    series: {
      seriesInstanceUID: '1.2.826.0.1.3680043.8.498.2',
      frameOfReferenceUID: '1.2.826.0.1.3680043.8.498.3',
      modality: 'CT',
      description: 'Sagittal bone',
    },
    sourceImages: [1, 2, 3].map((n) => ({ sopClassUID: CT_IMAGE_STORAGE, sopInstanceUID: `1.2.826.0.1.3680043.8.498.2.${n}` })),
    vertebrae: VERTEBRAE,
    calibrated: true,
    appVersion: '0.1.0',
    now: new Date(Date.UTC(2024, 0, 31, 14, 25, 7)),
    newUid: counterUids(),
    ...overrides,
  };
}

function write(overrides: Partial<SrExportInput> = {}): Uint8Array {
  const written = writeMeasurementReport(exportInput(overrides));
  if (!written.ok) throw new Error(`fixture did not write: ${written.error.message}`);
  return written.value.bytes;
}

function distanceMm(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(at(a, 0) - at(b, 0), at(a, 1) - at(b, 1), at(a, 2) - at(b, 2));
}

/** Every content item under `item`, depth first. */
function descendants(item: ContentItem): ContentItem[] {
  return childrenOf(item).flatMap((child) => [child, ...descendants(child)]);
}

function measurementGroups(dataset: NaturalDataset): ContentItem[] {
  return descendants(dataset).filter((item) => sameCode(conceptOf(item), codes.MEASUREMENT_GROUP));
}

/** Our vertebra groups: the measurement groups that hold the anterior height NUM. */
function vertebraGroups(dataset: NaturalDataset): ContentItem[] {
  return measurementGroups(dataset).filter((g) => childrenOf(g).some((c) => sameCode(conceptOf(c), codes.ANTERIOR_HEIGHT)));
}

/** The per-line Length groups for cornerstone3D-based viewers. */
function lineGroups(dataset: NaturalDataset): ContentItem[] {
  return measurementGroups(dataset).filter((g) =>
    childrenOf(g).some((c) => stringOf(c, 'TextValue') === codes.CORNERSTONE_LENGTH_TRACKING_IDENTIFIER),
  );
}

function numValue(group: ContentItem, concept: codes.Code): { exact: number; ds: number; unit: string } | undefined {
  const num = childrenOf(group).find((c) => stringOf(c, 'ValueType') === 'NUM' && sameCode(conceptOf(c), concept));
  if (num === undefined) return undefined;
  const measured = at(itemsOf(num, 'MeasuredValueSequence'), 0);
  return {
    exact: Number(measured.FloatingPointValue),
    ds: Number(measured.NumericValue),
    unit: codeOf(measured, 'MeasurementUnitsCodeSequence')?.value ?? '',
  };
}

function expectNum(group: ContentItem, concept: codes.Code, expected: number | null, unit: codes.Code): void {
  const found = numValue(group, concept);
  if (expected === null) {
    expect(found, concept.meaning).toBeUndefined();
    return;
  }
  expect(found, concept.meaning).toBeDefined();
  expect(found?.exact, concept.meaning).toBe(expected);
  expect(found?.ds, concept.meaning).toBeCloseTo(expected, 8);
  expect(found?.unit, concept.meaning).toBe(unit.value);
}

describe('writeMeasurementReport then readMeasurementReport', () => {
  it('gives back the same levels and every point within 0.001 mm', () => {
    const read = readMeasurementReport(write());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae.map((v) => v.level)).toEqual(['T12', 'L1', 'L2']);
    for (const restored of read.value.vertebrae) {
      const original = VERTEBRAE.find((v) => v.level === restored.level);
      for (const name of Object.keys(restored.points) as Array<keyof SixPoints>) {
        expect(distanceMm(restored.points[name], original!.points[name]), `${restored.level} ${name}`).toBeLessThan(TOLERANCE_MM);
      }
    }
  });

  it.each([
    ['a grade, a depression and a note', { grade: 3 as const, endplateDepression: true, note: 'posterior wall involved' }],
    ['a grade alone', { grade: 0 as const, endplateDepression: false, note: '' }],
    ['a depression without a grade', { grade: null, endplateDepression: true, note: '' }],
    ['a note alone, in UTF-8', { grade: null, endplateDepression: false, note: 'Deckplatte eingedrückt, Höhe unsicher' }],
  ])("gives back the reader's reading of a vertebra: %s", (_case, reading) => {
    const read = readMeasurementReport(write({ vertebrae: [{ ...VERTEBRAE[0], reading }, VERTEBRAE[1], VERTEBRAE[2]] }));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.vertebrae.find((v) => v.level === 'L1')!.reading).toEqual(reading);
    expect(read.value.vertebrae.find((v) => v.level === 'T12')).not.toHaveProperty('reading');
  });

  it("writes the reader's grade as a CODE item of the vertebra's group next to the morphometric grade", () => {
    const bytes = write({ vertebrae: [{ ...VERTEBRAE[0], reading: { grade: 3, endplateDepression: true, note: '' } }, VERTEBRAE[1], VERTEBRAE[2]] });
    const { dataset } = decodePart10(bytes);
    const l1 = vertebraGroups(dataset)[1]!;
    const concepts = childrenOf(l1).map((c) => conceptOf(c)?.value);
    expect(concepts).toContain(codes.GENANT_GRADE.value);
    expect(concepts).toContain(codes.READER_GENANT_GRADE.value);
    expect(concepts).toContain(codes.ENDPLATE_DEPRESSION.value);
    expect(childrenOf(vertebraGroups(dataset)[0]!).map((c) => conceptOf(c)?.value)).not.toContain(codes.READER_GENANT_GRADE.value);
    expect(lineGroups(dataset).flatMap((g) => childrenOf(g).map((c) => conceptOf(c)?.value))).not.toContain(codes.READER_GENANT_GRADE.value);
  });

  it("writes a proposed vertebra's review status as a TEXT item of its group, beside the reader's reading", () => {
    const bytes = write({
      vertebrae: [
        { ...VERTEBRAE[0], reading: { grade: 3, endplateDepression: true, note: '' }, proposal: { reviewed: false, confidence: 0.42 } },
        { ...VERTEBRAE[1], proposal: { reviewed: true, confidence: 0.91 } },
        VERTEBRAE[2],
      ],
    });
    const [t12, l1, l2] = vertebraGroups(decodePart10(bytes).dataset);
    const reviewOf = (group: ContentItem | undefined) =>
      childrenOf(group!).filter((c) => sameCode(conceptOf(c), codes.LANDMARK_REVIEW_STATUS)).map((c) => stringOf(c, 'TextValue'));
    expect(reviewOf(l1)).toEqual(['proposed by image analysis, not reviewed (confidence 0.42)']);
    expect(reviewOf(t12)).toEqual(['proposed by image analysis, accepted by the reader (confidence 0.91)']);
    expect(reviewOf(l2)).toEqual([]);
    expect(childrenOf(l1!).map((c) => conceptOf(c)?.value)).toContain(codes.READER_GENANT_GRADE.value);
    const read = readMeasurementReport(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.vertebrae.find((v) => v.level === 'L1')!.reading).toEqual({ grade: 3, endplateDepression: true, note: '' });
  });

  it('gives back the study, the new series and the measured series and frame of reference', () => {
    const written = writeMeasurementReport(exportInput());
    const read = readMeasurementReport(written.ok ? written.value.bytes : new Uint8Array());
    expect(written.ok && read.ok).toBe(true);
    if (!written.ok || !read.ok) return;
    expect(read.value).toMatchObject({
      studyInstanceUID: '1.2.826.0.1.3680043.8.498.1',
      seriesInstanceUID: written.value.seriesInstanceUID,
      sopInstanceUID: written.value.sopInstanceUID,
      sopClassUID: codes.COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
      referencedSeriesInstanceUIDs: ['1.2.826.0.1.3680043.8.498.2'],
      frameOfReferenceUID: '1.2.826.0.1.3680043.8.498.3',
    });
    expect(read.value.recognised).toContain('3 vertebrae with six-point heights: T12, L1, L2');
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', () => {
    const bytes = write();
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const read = readMeasurementReport(copy);
    expect(read.ok && read.value.vertebrae.length).toBe(3);
  });

  it('keeps points within 0.001 mm up to the largest coordinate it accepts', () => {
    const far = codes.SR_MAX_ABS_COORDINATE_MM - 0.123456;
    const shifted = Object.fromEntries(
      Object.entries(normalT12).map(([name, p]) => [name, [p[0] - far, p[1] + far, p[2] - far]]),
    ) as unknown as SixPoints;
    const read = readMeasurementReport(write({ vertebrae: [{ level: 'T12', points: shifted }] }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    for (const name of Object.keys(shifted) as Array<keyof SixPoints>) {
      expect(distanceMm(at(read.value.vertebrae, 0).points[name], shifted[name])).toBeLessThan(TOLERANCE_MM);
    }
  });
});

describe('writeMeasurementReport', () => {
  it('writes the same bytes for the same input, time and UIDs', () => {
    expect(Buffer.from(write()).equals(Buffer.from(write()))).toBe(true);
  });

  it('names the download after the content time, with no patient data', () => {
    const written = writeMeasurementReport(exportInput());
    expect(written.ok && written.value.fileName).toBe('vertebral-heights_20240131-142507.dcm');
  });

  it('files a Comprehensive 3D SR in a new series of the measured study, with the patient copied', () => {
    const { meta, dataset } = decodePart10(write());
    expect(meta.TransferSyntaxUID).toBe(codes.EXPLICIT_VR_LITTLE_ENDIAN);
    expect(dataset).toMatchObject({
      SOPClassUID: codes.COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
      Modality: 'SR',
      StudyInstanceUID: '1.2.826.0.1.3680043.8.498.1',
      SeriesInstanceUID: '2.25.1',
      SOPInstanceUID: '2.25.2',
      PatientID: 'VHV-0001',
      PatientBirthDate: '19480312',
      PatientSex: 'F',
      AccessionNumber: 'ACC42',
      CompletionFlag: 'COMPLETE',
      VerificationFlag: 'UNVERIFIED',
      ContentDate: '20240131',
      ContentTime: '142507',
      ValueType: 'CONTAINER',
    });
    expect(conceptOf(dataset)).toEqual(codes.IMAGING_MEASUREMENT_REPORT);
    expect(at(itemsOf(dataset, 'ContentTemplateSequence'), 0)).toMatchObject({ MappingResource: 'DCMR', TemplateIdentifier: '1500' });
    expect(dataset.SpecificCharacterSet).toBeUndefined();
  });

  it('writes a non-ASCII patient name as UTF-8 and reads the report back', () => {
    const bytes = write({ patient: { name: 'Müller^Jürgen', id: 'Ä1', birthDate: '', sex: '' } });
    const { dataset } = decodePart10(bytes);
    expect(dataset.SpecificCharacterSet).toBe('ISO_IR 192');
    expect(JSON.stringify(dataset.PatientName)).toContain('Müller^Jürgen');
    expect(readMeasurementReport(bytes).ok).toBe(true);
  });

  it('writes loosely formatted copied dates, times and sex as valid DICOM values, or empty', () => {
    const { dataset } = decodePart10(
      write({
        patient: { name: 'Doe^Jane', id: 'P2', birthDate: '1948-03-12', sex: 'female' },
        study: { ...exportInput().study, studyDate: '2024-01-15', studyTime: '09:30:00' },
      }),
    );
    expect([dataset.PatientBirthDate, dataset.StudyDate, dataset.StudyTime]).toEqual(['19480312', '20240115', '093000']);
    expect(dataset.PatientSex ?? '').toBe('');
  });

  it('writes one measurement group per vertebra, cranial → caudal, with the SNOMED CT code of the vertebra', () => {
    const groups = vertebraGroups(decodePart10(write()).dataset);
    const sites = groups.map((g) => codeOf(childrenOf(g).find((c) => sameCode(conceptOf(c), codes.FINDING_SITE))!, 'ConceptCodeSequence'));
    expect(sites).toEqual([codes.VERTEBRA_CODES.T12, codes.VERTEBRA_CODES.L1, codes.VERTEBRA_CODES.L2]);
    expect(groups.map((g) => stringOf(at(childrenOf(g), 0), 'TextValue'))).toEqual(['vertebra T12', 'vertebra L1', 'vertebra L2']);
  });

  it("writes exactly assessSpine's heights, ratios, losses, grade and wedge angle", () => {
    const spine = assessSpine(VERTEBRAE);
    expect(spine.ok).toBe(true);
    if (!spine.ok) return;
    const groups = vertebraGroups(decodePart10(write()).dataset);
    expect(groups).toHaveLength(spine.value.levels.length);
    spine.value.levels.forEach((la: LevelAssessment, index) => {
      const group = at(groups, index);
      const a = la.assessment;
      expectNum(group, codes.ANTERIOR_HEIGHT, la.heights.anteriorMm, codes.UNIT_MM);
      expectNum(group, codes.MIDDLE_HEIGHT, la.heights.middleMm, codes.UNIT_MM);
      expectNum(group, codes.POSTERIOR_HEIGHT, la.heights.posteriorMm, codes.UNIT_MM);
      expectNum(group, codes.REFERENCE_POSTERIOR_HEIGHT, la.referencePosteriorMm, codes.UNIT_MM);
      expectNum(group, codes.WEDGE_RATIO, a.wedgeRatio, codes.UNIT_RATIO);
      expectNum(group, codes.BICONCAVITY_RATIO, a.biconcavityRatio, codes.UNIT_RATIO);
      expectNum(group, codes.CRUSH_RATIO, a.crushRatio, codes.UNIT_RATIO);
      expectNum(group, codes.WEDGE_LOSS, a.wedgeLossPct, codes.UNIT_PERCENT);
      expectNum(group, codes.BICONCAVE_LOSS, a.biconcaveLossPct, codes.UNIT_PERCENT);
      expectNum(group, codes.CRUSH_LOSS, a.crushLossPct, codes.UNIT_PERCENT);
      expectNum(group, codes.HEIGHT_LOSS, a.heightLossPct, codes.UNIT_PERCENT);
      expectNum(group, codes.WEDGE_ANGLE, la.wedgeAngleDeg, codes.UNIT_DEGREE);
      const grade = childrenOf(group).find((c) => sameCode(conceptOf(c), codes.GENANT_GRADE));
      expect(codeOf(grade!, 'ConceptCodeSequence')).toEqual(codes.GENANT_GRADE_CODES[a.grade]);
    });
    expect(spine.value.levels.map((la) => la.assessment.grade)).toEqual([0, 2, 0]);
  });

  it('lists every source instance in the image library and the evidence sequence', () => {
    const { dataset } = decodePart10(write());
    const library = descendants(dataset).find((c) => sameCode(conceptOf(c), codes.IMAGE_LIBRARY_GROUP))!;
    const images = childrenOf(library).filter((c) => stringOf(c, 'ValueType') === 'IMAGE');
    expect(images.map((c) => at(itemsOf(c, 'ReferencedSOPSequence'), 0).ReferencedSOPInstanceUID)).toEqual([
      '1.2.826.0.1.3680043.8.498.2.1',
      '1.2.826.0.1.3680043.8.498.2.2',
      '1.2.826.0.1.3680043.8.498.2.3',
    ]);
    const evidence = at(itemsOf(dataset, 'CurrentRequestedProcedureEvidenceSequence'), 0);
    const series = at(itemsOf(evidence, 'ReferencedSeriesSequence'), 0);
    expect(series.SeriesInstanceUID).toBe('1.2.826.0.1.3680043.8.498.2');
    expect(itemsOf(series, 'ReferencedSOPSequence')).toHaveLength(3);
  });

  it('references the report it supersedes in the Predecessor Documents Sequence', () => {
    const predecessor = {
      studyInstanceUID: '1.2.826.0.1.3680043.8.498.1',
      seriesInstanceUID: '2.25.777',
      sopInstanceUID: '2.25.778',
      sopClassUID: codes.COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
    };
    const { dataset } = decodePart10(write({ predecessor }));
    const study = at(itemsOf(dataset, 'PredecessorDocumentsSequence'), 0);
    const series = at(itemsOf(study, 'ReferencedSeriesSequence'), 0);
    expect(study.StudyInstanceUID).toBe(predecessor.studyInstanceUID);
    expect(series.SeriesInstanceUID).toBe(predecessor.seriesInstanceUID);
    expect(at(itemsOf(series, 'ReferencedSOPSequence'), 0)).toMatchObject({
      ReferencedSOPClassUID: predecessor.sopClassUID,
      ReferencedSOPInstanceUID: predecessor.sopInstanceUID,
    });
  });

  it('writes no Predecessor Documents Sequence for a first report', () => {
    expect(decodePart10(write()).dataset.PredecessorDocumentsSequence).toBeUndefined();
  });

  it('makes new random UIDs when none are injected', () => {
    const { newUid: _injected, ...withoutUids } = exportInput();
    const first = writeMeasurementReport(withoutUids);
    const second = writeMeasurementReport(withoutUids);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.value.sopInstanceUID).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(first.value.sopInstanceUID).not.toBe(second.value.sopInstanceUID);
  });
});

describe('writeMeasurementReport refuses', () => {
  const coincident: SixPoints = { ...normalT12, anteriorInferior: normalT12.anteriorSuperior };
  const farAway: SixPoints = { ...normalT12, posteriorInferior: [9000, 0, 0] };
  it.each<[string, Partial<SrExportInput>, string, RegExp]>([
    ['an uncalibrated image', { calibrated: false }, 'UNCALIBRATED', /no calibration in millimetres/],
    ['an empty measurement', { vertebrae: [] }, 'NO_VERTEBRAE', /No vertebra has been measured/],
    ['a study without a UID', { study: { ...exportInput().study, studyInstanceUID: '' } }, 'INVALID_INPUT', /Study Instance UID/],
    ['a series without a frame of reference', { series: { ...exportInput().series, frameOfReferenceUID: '' } }, 'INVALID_INPUT', /Frame of Reference/],
    ['no source images', { sourceImages: [] }, 'INVALID_INPUT', /must list the measured images/],
    ['a source image with a bad UID', { sourceImages: [{ sopClassUID: CT_IMAGE_STORAGE, sopInstanceUID: '1.02' }] }, 'INVALID_INPUT', /invalid identifier/],
    ['coincident points', { vertebrae: [{ level: 'T12', points: coincident }] }, 'INVALID_MEASUREMENT', /^T12: /],
    ['a level measured twice', { vertebrae: [VERTEBRAE[0], VERTEBRAE[0]] }, 'INVALID_MEASUREMENT', /twice/],
    ['a point beyond 8 m', { vertebrae: [{ level: 'T12', points: farAway }] }, 'INVALID_INPUT', /8000 mm/],
  ])('%s', (_name, overrides, code, message) => {
    const written = writeMeasurementReport(exportInput(overrides));
    expect(written.ok).toBe(false);
    if (written.ok) return;
    expect(written.error.code).toBe(code);
    expect(written.error.message).toMatch(message);
  });
});

// ── The reports pass the DICOM validators ─────────────────────────────────────────────────────────────────────
function toolAvailable(tool: string): boolean {
  return (spawnSync(tool, ['--help'], { encoding: 'utf8' }).error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';
}

const scratch = mkdtempSync(join(tmpdir(), 'vhv-sr-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runOn(tool: string, bytes: Uint8Array, name: string): { status: number | null; lines: string[] } {
  const file = join(scratch, name);
  writeFileSync(file, bytes);
  const run = spawnSync(tool, [file], { encoding: 'utf8' });
  return { status: run.status, lines: `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.trim() !== '') };
}

const REPORTS: Array<[string, () => Uint8Array]> = [
  ['a three-vertebra report', () => write()],
  [
    'a report with a predecessor',
    () =>
      write({
        predecessor: {
          studyInstanceUID: '1.2.3',
          seriesInstanceUID: '1.2.4',
          sopInstanceUID: '1.2.5',
          sopClassUID: codes.COMPREHENSIVE_3D_SR_SOP_CLASS_UID,
        },
      }),
  ],
  ['a single-vertebra report of an MR without reference', () => write({ vertebrae: [VERTEBRAE[0]], series: { ...exportInput().series, modality: 'MR' } })],
  ['a report of a non-ASCII patient', () => write({ patient: { name: 'Müller^Jürgen', id: 'P1', birthDate: '', sex: 'O' } })],
  [
    "a report with the reader's grades, depressions and notes",
    () => write({ vertebrae: [{ ...VERTEBRAE[0], reading: { grade: 3, endplateDepression: true, note: 'posterior wall involved' } }, { ...VERTEBRAE[1], reading: { grade: 0, endplateDepression: false, note: '' } }, VERTEBRAE[2]] }),
  ],
  [
    "a report with proposed vertebrae, reviewed and not, one with the reader's reading",
    () => write({ vertebrae: [{ ...VERTEBRAE[0], reading: { grade: 3, endplateDepression: true, note: 'cement' }, proposal: { reviewed: false, confidence: 0.42 } }, { ...VERTEBRAE[1], proposal: { reviewed: true, confidence: 0.91 } }, VERTEBRAE[2]] }),
  ],
  [
    'a report copied from loosely formatted study values',
    () =>
      write({
        patient: { name: 'Doe^Jane', id: 'P2', birthDate: '1948-03-12', sex: 'female' },
        study: { ...exportInput().study, studyDate: '2024-01-15', studyTime: '09:30:00', referringPhysicianName: '' },
      }),
  ],
];

for (const tool of ['dciodvfy', 'dsrdump']) {
  const available = toolAvailable(tool);
  const reason = `${tool} is not installed (Debian package ${tool === 'dciodvfy' ? 'dicom3tools' : 'dcmtk'})`;
  describe.skipIf(!available && !process.env.CI)(`${tool} on the written reports${available ? '' : ` (skipped: ${reason})`}`, () => {
    it.each(REPORTS)(`finds no error in %s`, (name, make) => {
      expect(available, reason).toBe(true);
      const { status, lines } = runOn(tool, make(), `${name.replace(/\W+/g, '-')}.dcm`);
      if (tool === 'dciodvfy') {
        expect(lines.filter((l) => /error/i.test(l))).toEqual([]);
        // The only warning allowed is that dciodvfy does not know this app's local coding scheme.
        expect(lines.filter((l) => /^Warning/.test(l) && !l.includes(`<${codes.LOCAL_SCHEME}>`))).toEqual([]);
      } else {
        expect(status).toBe(0);
        // dcmtk 3.6.7 cannot check values in UTF-8 and says so; that is a limit of the checker, not of the report.
        const utf8Limit = /VR checker does not support this Specific Character Set: ISO_IR 192/;
        const problems = lines.filter((l) => /^(E|W|F):|error|warning/i.test(l) && !utf8Limit.test(l));
        expect(problems).toEqual([]);
        expect(lines.join('\n')).toContain('Imaging Measurement Report');
      }
    });
  });
}

// ── Other files ───────────────────────────────────────────────────────────────────────────────────────────────
/** A TID 1500 report of another application holding three plain lengths (SCT Length, mm) on a CT image. */
function foreignLengthReport(): Uint8Array {
  const length = { value: '410668003', scheme: 'SCT', meaning: 'Length' };
  const group = (mm: number): ContentItem =>
    containerItem('CONTAINS', codes.MEASUREMENT_GROUP, [
      numItem('CONTAINS', length, mm, codes.UNIT_MM, [
        {
          RelationshipType: 'INFERRED FROM',
          ValueType: 'SCOORD',
          GraphicType: 'POLYLINE',
          GraphicData: [10, 10, 40, 50],
          ContentSequence: [imageItem('SELECTED FROM', CT_IMAGE_STORAGE, '1.2.3.4.5')],
        },
      ]),
    ]);
  const dataset: NaturalDataset = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.22',
    SOPInstanceUID: '1.2.3.4.6',
    StudyInstanceUID: '1.2.3.4',
    SeriesInstanceUID: '1.2.3.4.7',
    Modality: 'SR',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: '126000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Imaging Measurement Report' }],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [containerItem('CONTAINS', codes.IMAGING_MEASUREMENTS, [group(12.5), group(30.25), group(7)])],
  };
  return encodePart10(
    { MediaStorageSOPClassUID: dataset.SOPClassUID, MediaStorageSOPInstanceUID: dataset.SOPInstanceUID, TransferSyntaxUID: codes.EXPLICIT_VR_LITTLE_ENDIAN },
    dataset,
  );
}

/** A minimal CT image dataset (no pixels needed: the reader stops at its SOP class). */
function syntheticCtImage(): Uint8Array {
  return encodePart10(
    { MediaStorageSOPClassUID: CT_IMAGE_STORAGE, MediaStorageSOPInstanceUID: '1.2.3.9', TransferSyntaxUID: codes.EXPLICIT_VR_LITTLE_ENDIAN },
    { SOPClassUID: CT_IMAGE_STORAGE, SOPInstanceUID: '1.2.3.9', Modality: 'CT', Rows: 2, Columns: 2 },
  );
}

/** Our report, with `edit` applied to its first measurement group's content items. */
function editedReport(edit: (groupItems: ContentItem[]) => ContentItem[]): Uint8Array {
  const { meta, dataset } = decodePart10(write());
  const group = at(vertebraGroups(dataset), 0);
  group.ContentSequence = edit(childrenOf(group));
  return encodePart10(meta, dataset);
}

const withoutMiddleLine = (): Uint8Array =>
  editedReport((items) =>
    items.map((item) => (sameCode(conceptOf(item), codes.MIDDLE_HEIGHT) ? { ...item, ContentSequence: [] } : item)),
  );
const withoutFindingSite = (): Uint8Array =>
  editedReport((items) => items.filter((item) => !sameCode(conceptOf(item), codes.FINDING_SITE)));

describe('readMeasurementReport on other structured reports', () => {
  it.skipIf(!existsSync(FOREIGN_SR))('opens a Basic Text SR of another tool with no vertebrae and says what it holds (skipped without ../shared/dicom)', () => {
    const read = readMeasurementReport(readFileSync(FOREIGN_SR));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae).toEqual([]);
    expect(read.value.recognised).toContain('Basic Text SR "Consultation Report"');
    expect(read.value.ignored).toContain('3 text items');
  });

  it('opens a measurement report of plain lengths with no vertebrae and counts the lengths', () => {
    const read = readMeasurementReport(foreignLengthReport());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae).toEqual([]);
    expect(read.value.frameOfReferenceUID).toBe('');
    expect(read.value.recognised).toEqual([
      'Enhanced SR: measurement report (TID 1500)',
      '3 length measurements (not vertebral heights)',
      'no vertebral height measurements of this viewer',
    ]);
  });
});

describe('readMeasurementReport refuses', () => {
  const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);

  it.each<[string, () => Uint8Array, string, RegExp]>([
    ['empty bytes', () => new Uint8Array(0), 'NOT_SR', /not a DICOM file/],
    ['garbage bytes', () => garbage, 'NOT_SR', /not a DICOM file/],
    ['a CT image', syntheticCtImage, 'NOT_SR', /CT .*not a structured report/],
    ['a DICOM header followed by garbage', () => Uint8Array.from([...new Uint8Array(128), 68, 73, 67, 77, ...garbage]), 'MALFORMED_SR', /damaged or incomplete/],
    ['a report with a height line missing', withoutMiddleLine, 'MALFORMED_SR', /T12 has no usable middle vertebral body height line/],
    ['a report with an unknown vertebra', withoutFindingSite, 'MALFORMED_SR', /no vertebra \(finding site\)/],
  ])('%s', (_name, bytes, code, message) => {
    const read = readMeasurementReport(bytes());
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe(code);
    expect(read.error.message).toMatch(message);
  });

  it.skipIf(!existsSync(SHARED_CT))('a real CT image (skipped without ../shared/dicom)', () => {
    const read = readMeasurementReport(readFileSync(SHARED_CT));
    expect(read.ok || read.error.code).toBe('NOT_SR');
  });

  it.each([0.1, 0.25, 0.5, 0.75, 0.9, 0.999])('a copy of a report cut short at %s of its length', (fraction) => {
    const bytes = write();
    const read = readMeasurementReport(bytes.subarray(0, Math.floor(bytes.length * fraction)));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('MALFORMED_SR');
    expect(read.error.message).toMatch(/nothing was changed/);
  });
});

// ── Interoperability: per-line Length groups for OHIF / cornerstone3D, foreign annotations back ──────────────
describe('writeMeasurementReport for cornerstone3D-based viewers (OHIF)', () => {
  const dataset = (): NaturalDataset => decodePart10(write()).dataset;

  it('writes three Length groups per vertebra, right after its own group, each with its own tracking UID', () => {
    const groups = measurementGroups(dataset());
    const kinds = groups.map((g) => (lineGroups({ ContentSequence: [g] }).length === 1 ? 'line' : 'vertebra'));
    expect(kinds).toEqual(['vertebra', 'line', 'line', 'line', 'vertebra', 'line', 'line', 'line', 'vertebra', 'line', 'line', 'line']);
    const uids = groups.map((g) => stringOf(childrenOf(g).find((c) => sameCode(conceptOf(c), codes.TRACKING_UNIQUE_IDENTIFIER))!, 'UID'));
    expect(new Set(uids).size).toBe(12);
  });

  it('labels each line by level and wall and gives its height as an SCT Length in mm from a two-point SCOORD3D', () => {
    const spine = assessSpine(VERTEBRAE);
    if (!spine.ok) throw new Error(spine.error.message);
    const lines = lineGroups(dataset());
    const expected = spine.value.levels.flatMap((la) =>
      codes.HEIGHT_LINES.map((h) => ({
        label: `${la.level} ${h.wall} height`,
        site: codes.VERTEBRA_CODES[la.level],
        mm: la.heights[h.key],
        points: [la.points[h.superior], la.points[h.inferior]],
      })),
    );
    expect(lines).toHaveLength(expected.length);
    lines.forEach((group, index) => {
      const want = at(expected, index);
      const items = childrenOf(group);
      expect(stringOf(items.find((c) => sameCode(conceptOf(c), codes.COMMENT))!, 'TextValue')).toBe(want.label);
      expect(codeOf(items.find((c) => sameCode(conceptOf(c), codes.FINDING_SITE))!, 'ConceptCodeSequence')).toEqual(want.site);
      const nums = items.filter((c) => stringOf(c, 'ValueType') === 'NUM');
      expect(nums).toHaveLength(1);
      expect(numValue(group, codes.LENGTH)).toMatchObject({ exact: want.mm, unit: 'mm' });
      const line = childrenOf(at(nums, 0));
      expect(line).toHaveLength(1);
      expect(at(line, 0)).toMatchObject({ RelationshipType: 'INFERRED FROM', ValueType: 'SCOORD3D', GraphicType: 'POLYLINE' });
      expect(at(line, 0).ReferencedFrameOfReferenceUID).toBe('1.2.826.0.1.3680043.8.498.3');
      const data = at(line, 0).GraphicData as number[];
      expect(distanceMm(data.slice(0, 3), at(want.points, 0))).toBeLessThan(TOLERANCE_MM);
      expect(distanceMm(data.slice(3, 6), at(want.points, 1))).toBeLessThan(TOLERANCE_MM);
    });
  });

  it('puts the tracking identifier first and no top-level coordinates in a line group, as cornerstone3D writes them', () => {
    for (const group of lineGroups(dataset())) {
      const items = childrenOf(group);
      expect(sameCode(conceptOf(at(items, 0)), codes.TRACKING_IDENTIFIER)).toBe(true);
      expect(items.some((c) => ['SCOORD', 'SCOORD3D'].includes(stringOf(c, 'ValueType')))).toBe(false);
    }
  });
});

describe('readMeasurementReport on a report with per-line Length groups', () => {
  it('recognises the lines as copies of the vertebrae: no damage, no foreign annotation, identical points', () => {
    const read = readMeasurementReport(write());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.foreignAnnotations).toEqual([]);
    expect(read.value.recognised).toContain('9 height lines for other viewers (the same points as the vertebrae)');
    expect(read.value.recognised.join('\n')).not.toMatch(/length measurement/);
    for (const restored of read.value.vertebrae) {
      const original = VERTEBRAE.find((v) => v.level === restored.level)!;
      for (const name of Object.keys(restored.points) as Array<keyof SixPoints>) {
        expect(distanceMm(restored.points[name], original.points[name])).toBeLessThan(TOLERANCE_MM);
      }
    }
  });

  it('keeps the vertebra groups when a line group was moved, and shows the moved line as a foreign length', () => {
    const { meta, dataset } = decodePart10(write());
    const moved = at(lineGroups(dataset), 0);
    const num = childrenOf(moved).find((c) => stringOf(c, 'ValueType') === 'NUM')!;
    const scoord = at(childrenOf(num), 0);
    scoord.GraphicData = (scoord.GraphicData as number[]).map((v, i) => (i === 2 ? v + 5 : v));
    const read = readMeasurementReport(encodePart10(meta, dataset));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae.map((v) => v.level)).toEqual(['T12', 'L1', 'L2']);
    expect(read.value.foreignAnnotations).toHaveLength(1);
    expect(read.value.foreignAnnotations[0]).toMatchObject({ kind: 'length', label: 'T12 anterior height', unit: 'mm' });
  });
});

// ── Foreign reports, built the way OHIF 3.13 (cornerstone3D adapters) and highdicom write them ───────────────
const FOREIGN_IMAGE_UID = '1.2.3.4.5';
const scoordOnImage = (points: number[], frame?: number): ContentItem =>
  scoordOn({ sopInstanceUID: FOREIGN_IMAGE_UID, ...(frame === undefined ? {} : { frame }) }, points);

const mmUnit = codes.UNIT_MM;
const degUnit = codes.UNIT_DEGREE;
/** OHIF's Length drawn on an axial slice: one NUM (SCT Length) from a 2-D line on one image, labelled. */
const ohifLength = (): ContentItem => ohifLengthGroup({ sopInstanceUID: FOREIGN_IMAGE_UID }, [100.5, 120.25, 180, 200], 42.5, 'aorta');
/** OHIF's Bidirectional: long and short axis, each from its own 2-D line. */
const ohifBidirectional = (): ContentItem =>
  cornerstoneGroup('Bidirectional', '2.25.502', [
    numItem('CONTAINS', { value: '103339001', scheme: 'SCT', meaning: 'Long Axis' }, 30.25, mmUnit, [scoordOnImage([10, 10, 50, 10])]),
    numItem('CONTAINS', { value: '103340004', scheme: 'SCT', meaning: 'Short Axis' }, 12.5, mmUnit, [scoordOnImage([30, 4, 30, 16])]),
  ]);
/** OHIF's Angle (three points) and Cobb angle (two lines, four points), in degrees, on frame 2 of a multi-frame image. */
const ohifAngle = (): ContentItem =>
  cornerstoneGroup('Angle', '2.25.503', [numItem('CONTAINS', { value: '1797-8', scheme: 'LN', meaning: 'Angle' }, 87.5, degUnit, [scoordOnImage([1, 1, 5, 5, 9, 1], 2)])]);
const ohifCobb = (): ContentItem =>
  cornerstoneGroup('CobbAngle', '2.25.504', [numItem('CONTAINS', { value: '1797-8', scheme: 'LN', meaning: 'Angle' }, 23, degUnit, [scoordOnImage([0, 0, 10, 2, 0, 20, 10, 17])])]);
/** A highdicom-style length: free-text tracking identifier, a SCOORD3D line in a frame of reference. */
const highdicomLength = (): ContentItem =>
  containerItem('CONTAINS', codes.MEASUREMENT_GROUP, [
    { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: '112039', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Identifier' }], TextValue: 'Lesion 1' },
    numItem('CONTAINS', codes.LENGTH, 17.75, mmUnit, [
      { RelationshipType: 'INFERRED FROM', ValueType: 'SCOORD3D', GraphicType: 'POLYLINE', GraphicData: [1.5, 2.5, -30, 11.5, 2.5, -30], ReferencedFrameOfReferenceUID: '1.2.3.4.100' },
    ]),
  ]);

describe('readMeasurementReport on foreign measurement reports', () => {
  it.each<[string, () => ContentItem, object]>([
    [
      "OHIF's labelled Length on one image",
      ohifLength,
      {
        kind: 'length', label: 'aorta', value: 42.5, unit: 'mm', trackingIdentifier: 'Cornerstone3DTools@^0.1.0:Length', trackingUid: '2.25.501',
        graphics: [{ space: 'image', graphicType: 'POLYLINE', referencedSopInstanceUID: FOREIGN_IMAGE_UID, referencedFrameNumber: null, pointsPx: [[100.5, 120.25], [180, 200]] }],
      },
    ],
    [
      "OHIF's Bidirectional with its two axes",
      ohifBidirectional,
      {
        kind: 'bidirectional', label: '', value: 30.25, unit: 'mm',
        values: [{ name: 'Long Axis', value: 30.25, unit: 'mm' }, { name: 'Short Axis', value: 12.5, unit: 'mm' }],
      },
    ],
    [
      "OHIF's Angle on frame 2",
      ohifAngle,
      { kind: 'angle', value: 87.5, unit: 'deg', graphics: [expect.objectContaining({ referencedFrameNumber: 2, pointsPx: [[1, 1], [5, 5], [9, 1]] })] },
    ],
    ["OHIF's Cobb angle", ohifCobb, { kind: 'cobb-angle', value: 23, unit: 'deg' }],
    [
      "highdicom's length in 3-D",
      highdicomLength,
      {
        kind: 'length', label: '', value: 17.75, unit: 'mm', trackingIdentifier: 'Lesion 1',
        graphics: [{ space: 'world', graphicType: 'POLYLINE', frameOfReferenceUID: '1.2.3.4.100', pointsMm: [[1.5, 2.5, -30], [11.5, 2.5, -30]] }],
      },
    ],
  ])('reads %s as a read-only foreign annotation and no vertebra', (_name, group, expected) => {
    const read = readMeasurementReport(foreignReport(ENHANCED_SR, [group()]));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae).toEqual([]);
    expect(read.value.foreignAnnotations).toHaveLength(1);
    expect(read.value.foreignAnnotations[0]).toMatchObject(expected);
  });

  it('keeps the document order of several foreign annotations', () => {
    const read = readMeasurementReport(foreignReport(ENHANCED_SR, [ohifLength(), ohifBidirectional(), ohifAngle(), ohifCobb()]));
    expect(read.ok && read.value.foreignAnnotations.map((a) => a.kind)).toEqual(['length', 'bidirectional', 'angle', 'cobb-angle']);
  });

  it('shows foreign lengths beside the vertebrae of our report without touching them', () => {
    const { meta, dataset } = decodePart10(write());
    const measurements = descendants(dataset).find((c) => sameCode(conceptOf(c), codes.IMAGING_MEASUREMENTS))!;
    measurements.ContentSequence = [...childrenOf(measurements), ohifLength()];
    const read = readMeasurementReport(encodePart10(meta, dataset));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.vertebrae).toHaveLength(3);
    expect(read.value.foreignAnnotations.map((a) => a.label)).toEqual(['aorta']);
  });
});

// ── pydicom (and highdicom where installed) read every group of what we write ────────────────────────────────
const SYSTEM_PYTHON = '/usr/bin/python3';
function pythonHas(module: string): boolean {
  return existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', `import ${module}`]).status === 0;
}
const PYDICOM_READER = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
groups = []
def walk(items):
    for item in items:
        name = item.ConceptNameCodeSequence[0].CodeMeaning if 'ConceptNameCodeSequence' in item else ''
        if item.ValueType == 'CONTAINER' and name == 'Measurement Group':
            group = {'tracking': '', 'nums': [], 'lines': []}
            for child in item.ContentSequence:
                cname = child.ConceptNameCodeSequence[0].CodeMeaning
                if cname == 'Tracking Identifier': group['tracking'] = child.TextValue
                if child.ValueType == 'NUM':
                    group['nums'].append([cname, float(child.MeasuredValueSequence[0].NumericValue)])
                    for grand in child.get('ContentSequence', []):
                        if grand.ValueType == 'SCOORD3D': group['lines'].append([float(v) for v in grand.GraphicData])
            groups.append(group)
        elif 'ContentSequence' in item:
            walk(item.ContentSequence)
walk(ds.ContentSequence)
print(json.dumps(groups))
`;

describe.skipIf(!pythonHas('pydicom'))(`pydicom (${SYSTEM_PYTHON}) on a written report${pythonHas('pydicom') ? '' : ' (skipped: Debian python3-pydicom is not installed)'}`, () => {
  it('reads every vertebra and line group with its numbers and SCOORD3D points', () => {
    const file = join(scratch, 'pydicom.dcm');
    writeFileSync(file, write());
    const run = spawnSync(SYSTEM_PYTHON, ['-c', PYDICOM_READER, file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const groups = JSON.parse(run.stdout) as Array<{ tracking: string; nums: Array<[string, number]>; lines: number[][] }>;
    expect(groups.map((g) => g.tracking)).toEqual(
      ['T12', 'L1', 'L2'].flatMap((level) => [`vertebra ${level}`, ...Array(3).fill(codes.CORNERSTONE_LENGTH_TRACKING_IDENTIFIER)]),
    );
    const spine = assessSpine(VERTEBRAE);
    if (!spine.ok) throw new Error(spine.error.message);
    const lines = groups.filter((g) => g.tracking === codes.CORNERSTONE_LENGTH_TRACKING_IDENTIFIER);
    const heights = spine.value.levels.flatMap((la) => codes.HEIGHT_LINES.map((h) => la.heights[h.key]));
    lines.forEach((g, i) => {
      expect(g.nums).toHaveLength(1);
      const [name, valueMm] = at(g.nums, 0);
      expect(name).toBe('Length');
      expect(valueMm).toBeCloseTo(at(heights, i), 6);
      expect(g.lines).toHaveLength(1);
      const line = at(g.lines, 0);
      expect(distanceMm(line.slice(0, 3), line.slice(3, 6))).toBeCloseTo(at(heights, i), 3);
    });
  });
});

describe.skipIf(!pythonHas('highdicom'))(
  `highdicom on a written report${pythonHas('highdicom') ? '' : ' (skipped: highdicom is not installed for /usr/bin/python3; pip-installing into Debian python is not allowed)'}`,
  () => {
    it('parses the report as a TID 1500 measurement report with 12 groups', () => {
      const file = join(scratch, 'highdicom.dcm');
      writeFileSync(file, write());
      const script = 'import sys, pydicom, highdicom.sr as s; d=pydicom.dcmread(sys.argv[1]); r=s.srread(sys.argv[1]) if hasattr(s, "srread") else s.Comprehensive3DSR.from_dataset(d); print(len(r.content.get_planar_roi_measurement_groups()) + len(r.content.get_volumetric_roi_measurement_groups()) + len(r.content.get_image_measurement_groups()))';
      const run = spawnSync(SYSTEM_PYTHON, ['-c', script, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(Number(run.stdout.trim())).toBe(12);
    });
  },
);
