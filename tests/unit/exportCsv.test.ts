import { parseCsv, parseRecords } from '../helpers/csv';
import { describe, expect, it } from 'vitest';
import { assessSpine, type LevelAssessment, type SixPoints, type SpinalLevel } from '../../measurement';
import { BASELINE_SPECS, baselineSpine } from '../helpers/baselineSpine';
import type { VertebraMeasurement } from '../../viewer/model/measurements';
import { seriesMorphometry } from '../../viewer/model/morphometry';
import {
  cellContent,
  formatCsv,
  guardFormula,
  isoStudyDate,
  numberCell,
  quoteField,
  textCell,
  UNCALIBRATED_NOTE,
  VERTEBRA_CSV_COLUMNS,
  writeMeasurementsCsv,
} from '../../viewer/export/csv';
import type { MeasurementsExportInput } from '../../viewer/export/json';
import { at } from '../../measurement/testing/results';

const STUDY = '1.2.826.0.1.3680043.8.498.101';
const SERIES_CT = `${STUDY}.1`;
const SERIES_RADIOGRAPH = `${STUDY}.2`;

function vertebra(id: string, level: SpinalLevel, points: SixPoints, seriesKey: string, calibrated = true): VertebraMeasurement {
  return {
    id,
    studyKey: STUDY,
    seriesKey,
    frameOfReferenceUID: '',
    level,
    points,
    calibrated,
    viewPlaneNormal: [1, 0, 0],
    viewUp: [0, 0, 1],
    referencedImageId: null,
  };
}

const ctVertebrae = baselineSpine.map(({ level, points }) => vertebra(`ct-${level}`, level, points, SERIES_CT));
/** The same T12 and L1 on a radiograph without calibration: the numbers are pixels. */
const radiographVertebrae = baselineSpine
  .filter(({ level }) => level === 'T12' || level === 'L1')
  .map(({ level, points }) => vertebra(`xr-${level}`, level, points, SERIES_RADIOGRAPH, false));

function exportInput(overrides: Partial<MeasurementsExportInput> = {}): MeasurementsExportInput {
  return {
    appVersion: '0.1.0',
    exportedAt: new Date(Date.UTC(2024, 5, 12)),
    patient: { id: 'PAT-0042', name: 'Müller^Jürgen' },
    studies: [
      {
        key: STUDY,
        studyInstanceUID: STUDY,
        studyDate: '20240305',
        series: [
          { key: SERIES_CT, seriesInstanceUID: SERIES_CT },
          { key: SERIES_RADIOGRAPH, seriesInstanceUID: SERIES_RADIOGRAPH },
        ],
      },
    ],
    measurements: [...radiographVertebrae, ...[...ctVertebrae].reverse()],
    ...overrides,
  };
}

function baselineAssessment(): ReadonlyArray<LevelAssessment> {
  const result = assessSpine(baselineSpine);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.levels;
}

/** A number cell read back: a finite number, or null for an empty cell. */
function numberOrNull(cell: string): number | null {
  if (cell === '') return null;
  const value = Number(cell);
  expect(Number.isFinite(value)).toBe(true);
  return value;
}

const HEADERS = [
  'patient_id', 'study_date', 'study_instance_uid', 'series_instance_uid', 'level',
  'anterior_height_mm', 'middle_height_mm', 'posterior_height_mm',
  'anterior_height_px', 'middle_height_px', 'posterior_height_px',
  'wedge_ratio', 'biconcavity_ratio', 'crush_ratio', 'height_loss_pct', 'deformity', 'genant_grade', 'genant_grade_name',
  'expected_anterior_mm', 'expected_middle_mm', 'expected_posterior_mm', 'anterior_loss_pct', 'middle_loss_pct', 'posterior_loss_pct',
  'grade_rule', 'height_loss_uncertainty_pct', 'grade_range', 'borderline',
  'reader_grade', 'reader_endplate_depression', 'reader_note', 'reader_disagrees',
  'wedge_angle_deg', 'reference_levels', 'calibrated', 'note', 'review', 'proposal_confidence',
] as const;

// ---------------------------------------------------------------------------------------------------------------

describe('writeMeasurementsCsv', () => {
  describe('the file', () => {
    const csv = writeMeasurementsCsv(exportInput());

    it('starts with the UTF-8 byte-order mark, so that Excel reads accents', () => {
      const bytes = new TextEncoder().encode(csv);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    });

    it('ends every line, the last included, with CRLF and has no bare line feed', () => {
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });

    it('quotes every field', () => {
      const lines = csv.slice(1).split('\r\n').slice(0, -1);
      for (const line of lines) expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
    });

    it('has a header row with the documented columns', () => {
      expect(parseCsv(csv.slice(1))[0]).toEqual(HEADERS);
      expect(VERTEBRA_CSV_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
    });

    it('has one row per vertebra, series in the order given, each cranial to caudal', () => {
      const records = parseRecords(csv, HEADERS);
      expect(records.map((r) => `${r.series_instance_uid.slice(-1)} ${r.level}`)).toEqual([
        '1 T10', '1 T11', '1 T12', '1 L1', '1 L2', '1 L3', '2 T12', '2 L1',
      ]);
      expect(records.every((r) => r.patient_id === 'PAT-0042' && r.study_instance_uid === STUDY && r.study_date === '2024-03-05')).toBe(true);
    });
  });

  describe("read back with a CSV parser, a calibrated series' numbers", () => {
    const records = parseRecords(writeMeasurementsCsv(exportInput()), HEADERS).slice(0, 6);
    const levels = baselineAssessment();

    it.each(BASELINE_SPECS.map(({ level }, i) => [level, i] as const))('are exactly those of assessSpine at %s', (level, i) => {
      const r = at(records, i);
      const a = at(levels, i);
      expect(r.level).toBe(level);
      expect(numberOrNull(r.anterior_height_mm)).toBe(a.heights.anteriorMm);
      expect(numberOrNull(r.middle_height_mm)).toBe(a.heights.middleMm);
      expect(numberOrNull(r.posterior_height_mm)).toBe(a.heights.posteriorMm);
      expect([r.anterior_height_px, r.middle_height_px, r.posterior_height_px]).toEqual(['', '', '']);
      expect(numberOrNull(r.wedge_ratio)).toBe(a.assessment.wedgeRatio);
      expect(numberOrNull(r.biconcavity_ratio)).toBe(a.assessment.biconcavityRatio);
      expect(numberOrNull(r.crush_ratio)).toBe(a.assessment.crushRatio);
      expect(numberOrNull(r.height_loss_pct)).toBe(a.assessment.heightLossPct);
      expect(r.deformity).toBe(a.assessment.deformity);
      expect(numberOrNull(r.genant_grade)).toBe(a.assessment.grade);
      expect(r.genant_grade_name).toBe(a.assessment.gradeName);
      expect(numberOrNull(r.wedge_angle_deg)).toBe(a.wedgeAngleDeg);
      expect(r.reference_levels).toBe(a.referenceLevels.join(' '));
      expect(r.calibrated).toBe('true');
      expect(r.note).toBe('');
    });

    it("are the panel's numbers (seriesMorphometry)", () => {
      const byId = Object.fromEntries(ctVertebrae.map((m) => [m.id, m]));
      const panel = seriesMorphometry({ byId, undoStack: [], redoStack: [] }, SERIES_CT).rows;
      expect(records.map((r) => numberOrNull(r.height_loss_pct))).toEqual(panel.map((row) => row.assessment!.assessment.heightLossPct));
      expect(records.map((r) => numberOrNull(r.wedge_ratio))).toEqual(panel.map((row) => row.assessment!.assessment.wedgeRatio));
    });

    it('grade L1 a moderate wedge of 35 % against T11 and L2, and T12 a mild biconcave deformity', () => {
      const [t12, l1] = [at(records, 2), at(records, 3)];
      expect(l1).toMatchObject({ deformity: 'wedge', genant_grade: '2', genant_grade_name: 'moderate', reference_levels: 'T11 L2', anterior_height_mm: '16.58' });
      expect(numberOrNull(l1.height_loss_pct)).toBeCloseTo(34.98, 2);
      expect(t12).toMatchObject({ deformity: 'biconcave', genant_grade: '1', middle_height_mm: '18.72' });
    });

    it('keep a negative wedge angle a plain negative number, without the formula guard', () => {
      const l3 = at(records, 5);
      expect(l3.wedge_angle_deg).toMatch(/^-\d+\.\d+$/);
      expect(numberOrNull(l3.wedge_angle_deg)).toBe(at(baselineAssessment(), 5).wedgeAngleDeg);
      expect(numberOrNull(l3.wedge_angle_deg)!).toBeLessThan(0);
    });

    it('leave the crush ratio empty where there is no reference level', () => {
      const alone = writeMeasurementsCsv(exportInput({ measurements: [at(ctVertebrae, 3)] }));
      const l1 = at(parseRecords(alone, HEADERS), 0);
      expect(l1.crush_ratio).toBe('');
      expect(l1.reference_levels).toBe('');
      expect(l1.wedge_ratio).not.toBe('');
    });
  });

  describe("the reader's reading", () => {
    const withReading = ctVertebrae.map((m) =>
      m.level === 'L1' ? { ...m, reading: { grade: 3 as const, endplateDepression: true, note: 'collapse, see =MRI' } } : m,
    );
    const records = parseRecords(writeMeasurementsCsv(exportInput({ measurements: withReading })), HEADERS);
    const l1 = records.find((r) => r.level === 'L1' && r.calibrated === 'true')!;
    const l2 = records.find((r) => r.level === 'L2')!;

    it('is written next to the morphometric grade, its disagreement marked', () => {
      expect(l1).toMatchObject({ genant_grade: '2', reader_grade: '3', reader_endplate_depression: 'true', reader_note: 'collapse, see =MRI', reader_disagrees: 'true' });
    });

    it('leaves the reader columns empty or false where nothing was recorded', () => {
      expect(l2).toMatchObject({ reader_grade: '', reader_endplate_depression: 'false', reader_note: '', reader_disagrees: 'false' });
    });

    it('gives the neighbour-referenced losses, the rule and the grade range', () => {
      expect(numberOrNull(l1.anterior_loss_pct)).toBe(at(baselineAssessment(), 3).assessment.anteriorLossPct);
      expect(l1.grade_rule).not.toBe('');
      expect(l1).toMatchObject({ grade_range: '2', borderline: 'false', height_loss_uncertainty_pct: '' });
    });
  });

  describe('proposed vertebrae', () => {
    const reviewed = ctVertebrae.map((m) =>
      m.level === 'L1'
        ? { ...m, proposed: true, confidence: 0.42, reasons: [], reading: { grade: 3 as const, endplateDepression: false, note: '' } }
        : m.level === 'L2'
          ? { ...m, proposed: false, confidence: 0.9, reasons: [] }
          : m,
    );
    const records = parseRecords(writeMeasurementsCsv(exportInput({ measurements: reviewed })), HEADERS);
    const byLevel = (level: string) => records.find((r) => r.level === level && r.calibrated === 'true')!;

    it.each([
      ['L1', 'proposed_not_reviewed', '0.42'],
      ['L2', 'proposed_accepted', '0.9'],
      ['L3', 'manual', ''],
    ])('marks %s as %s with confidence "%s"', (level, review, confidence) => {
      expect(byLevel(level)).toMatchObject({ review, proposal_confidence: confidence });
    });

    it("keeps the reader's reading of a proposed vertebra beside its review status", () => {
      expect(byLevel('L1')).toMatchObject({ review: 'proposed_not_reviewed', reader_grade: '3' });
    });
  });

  describe('an uncalibrated series', () => {
    const records = parseRecords(writeMeasurementsCsv(exportInput()), HEADERS).slice(6);

    it('gives heights in pixels, leaves the mm columns empty and says why', () => {
      const [t12, l1] = [at(records, 0), at(records, 1)];
      expect([t12.anterior_height_mm, t12.middle_height_mm, t12.posterior_height_mm]).toEqual(['', '', '']);
      expect(numberOrNull(l1.posterior_height_px)).toBe(at(baselineAssessment(), 3).heights.posteriorMm);
      expect(l1).toMatchObject({ calibrated: 'false', note: UNCALIBRATED_NOTE });
    });

    it('keeps the unitless ratios and the wedge angle but gives no loss, deformity or grade', () => {
      const l1 = at(records, 1);
      expect(numberOrNull(l1.wedge_ratio)).toBe(at(baselineAssessment(), 3).assessment.wedgeRatio);
      expect(numberOrNull(l1.wedge_angle_deg)).toBe(at(baselineAssessment(), 3).wedgeAngleDeg);
      expect([l1.height_loss_pct, l1.deformity, l1.genant_grade, l1.genant_grade_name]).toEqual(['', '', '', '']);
    });
  });

  it('writes a row without numbers, and the reason, for each copy of a level measured twice', () => {
    const twice = { ...at(ctVertebrae, 4), id: 'ct-L2-again' };
    const records = parseRecords(writeMeasurementsCsv(exportInput({ measurements: [...ctVertebrae, twice] })), HEADERS);
    const l2s = records.filter((r) => r.level === 'L2');
    expect(l2s).toHaveLength(2);
    for (const r of l2s) {
      expect(r.note).toBe('L2 is measured more than once: relabel or delete one');
      expect([r.anterior_height_mm, r.wedge_ratio, r.genant_grade, r.wedge_angle_deg]).toEqual(['', '', '', '']);
    }
  });

  it('keeps text with quotes, commas, line breaks and accents intact through a CSV parser', () => {
    const patientId = 'Ö"Brien, J.\r\nSøren 张';
    const csv = writeMeasurementsCsv(exportInput({ patient: { id: patientId, name: '' } }));
    expect(csv).toContain('"Ö""Brien, J.\r\nSøren 张"');
    expect(at(parseRecords(csv, HEADERS), 0).patient_id).toBe(patientId);
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+41 44 000 00 00', "'+41 44 000 00 00"],
    ['-123', "'-123"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ])('guards a patient id %j against formula injection', (patientId, written) => {
    const record = at(parseRecords(writeMeasurementsCsv(exportInput({ patient: { id: patientId, name: '' } })), HEADERS), 0);
    expect(record.patient_id).toBe(written);
  });

  it('refuses a measurement whose series it was not told about (a programmer mistake)', () => {
    expect(() => writeMeasurementsCsv(exportInput({ studies: [] }))).toThrow(TypeError);
  });

  it('writes only the header when there is nothing measured', () => {
    expect(writeMeasurementsCsv(exportInput({ measurements: [] }))).toBe(`\uFEFF${HEADERS.map((h) => `"${h}"`).join(',')}\r\n`);
  });
});

describe('guardFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['L1', 'L1'],
    ['1.2.840.10008', '1.2.840.10008'],
    ['Müller^Jürgen', 'Müller^Jürgen'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes %j as %j', (value, expected) => {
    expect(guardFormula(value)).toBe(expected);
  });
});

describe('cellContent', () => {
  it.each<[string, ReturnType<typeof numberCell>, string]>([
    ['a negative number', numberCell(-3.2), '-3.2'],
    ['a number in full precision', numberCell(1 / 3), '0.3333333333333333'],
    ['a tiny number in exponent form, which spreadsheets read', numberCell(1.5e-7), '1.5e-7'],
    ['zero', numberCell(0), '0'],
    ['an empty number', numberCell(null), ''],
    ['an empty text', textCell(null), ''],
    ['text that looks negative', textCell('-3.2'), "'-3.2"],
  ])('writes %s', (_case, cell, expected) => {
    expect(cellContent(cell)).toBe(expected);
  });

  it('gives back the same float64 when the text is parsed', () => {
    for (const value of [0.1 + 0.2, Math.PI, 16.58, -1e-300, 123456789.12345679]) {
      expect(Number(cellContent(numberCell(value)))).toBe(value);
    }
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s, which measurement/ never returns', (value) => {
    expect(() => cellContent(numberCell(value))).toThrow(RangeError);
  });
});

describe('quoteField', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ['', '""'],
  ])('writes %j as %j', (value, expected) => {
    expect(quoteField(value)).toBe(expected);
  });
});

describe('formatCsv', () => {
  it('takes any columns, so that later tables (e.g. comparisons) can reuse it', () => {
    const columns = [
      { header: 'level', cell: (row: { level: string; changeMm: number }) => textCell(row.level) },
      { header: 'change_mm', cell: (row: { level: string; changeMm: number }) => numberCell(row.changeMm) },
    ];
    expect(formatCsv(columns, [{ level: 'L1', changeMm: -1.5 }])).toBe('\uFEFF"level","change_mm"\r\n"L1","-1.5"\r\n');
  });
});

describe('isoStudyDate', () => {
  it.each([
    ['20240305', '2024-03-05'],
    ['', ''],
    ['2024-03-05', '2024-03-05'],
    ['202403', '202403'],
  ])('writes the study date %j as %j', (da, expected) => {
    expect(isoStudyDate(da)).toBe(expected);
  });
});
