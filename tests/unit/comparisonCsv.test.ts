import { parseCsv, parseRecords } from '../helpers/csv';
import { describe, expect, it } from 'vitest';
import { sixPoints, type Heights } from '../helpers/sagittalSpine';
import { compareStudies, type LevelComparison, type SpinalLevel, type SpineInput, type StudyComparison } from '../../measurement';
import '../../measurement/testing/matchers';
import { at, expectOk } from '../../measurement/testing/results';
import {
  COMPARISON_CSV_COLUMNS,
  ONLY_BASELINE_NOTE,
  ONLY_FOLLOWUP_NOTE,
  writeComparisonCsv,
  type ComparisonCsvInput,
} from '../../viewer/export/csv/writeComparisonCsv';

// ---------------------------------------------------------------------------------------------------------------
// A strict RFC 4180 parser, test-only: quoted or bare fields, "" inside quotes, CRLF between records.
// ---------------------------------------------------------------------------------------------------------------


// ---------------------------------------------------------------------------------------------------------------
// Fixtures: constructed vertebrae in the sagittal plane x = 0 (LPS, mm): anterior wall at y = −15, middle at y = 0,
// posterior at y = +15, inferior points at z = base, superior points at z = base + height; bodies 40 mm apart.
// ---------------------------------------------------------------------------------------------------------------



const BASE_MM: Partial<Record<SpinalLevel, number>> = { T11: 80, T12: 40, L1: 0, L2: -40, L3: -80 };

function spineInput(levels: Partial<Record<SpinalLevel, Heights>>): SpineInput {
  return Object.entries(levels).map(([level, heights]) => ({
    level: level as SpinalLevel,
    points: sixPoints(heights as Heights, BASE_MM[level as SpinalLevel] ?? 0),
  }));
}

/** Constructed: T11 within normal variation. */
const T11: Heights = { anteriorMm: 22.1, middleMm: 21.8, posteriorMm: 23 };
/** Constructed: T12 biconcave (Hm 18.72 of Hp 24 mm, 22 % loss, grade 1), so not a reference for L1. */
const T12: Heights = { anteriorMm: 23.28, middleMm: 18.72, posteriorMm: 24 };
/** Constructed: L2 within normal variation; its Hp 27 mm is L1's reference. */
const L2: Heights = { anteriorMm: 26.46, middleMm: 25.93, posteriorMm: 27 };
/** Constructed: L3 within normal variation. */
const L3: Heights = { anteriorMm: 28.6, middleMm: 27.4, posteriorMm: 28 };
/** Constructed: baseline L1 wedge fracture, Ha 16.58 of Hp 25.5 mm (35 % loss, grade 2). */
const wedgeL1: Heights = { anteriorMm: 16.58, middleMm: 20.24, posteriorMm: 25.5 };
/** Constructed: the same L1 after kyphoplasty, Ha restored to 22.95 mm and Hm to 23.42 mm (grade 0). */
const postKyphoplastyL1: Heights = { anteriorMm: 22.95, middleMm: 23.42, posteriorMm: 25.5 };

const BASELINE = { studyInstanceUID: '1.2.826.0.1.3680043.8.498.201', seriesInstanceUID: '1.2.826.0.1.3680043.8.498.201.1', studyDate: '20260915' };
const FOLLOWUP = { studyInstanceUID: '1.2.826.0.1.3680043.8.498.202', seriesInstanceUID: '1.2.826.0.1.3680043.8.498.202.3', studyDate: '20260917' };

function csvInput(comparison: StudyComparison, patientId = 'PAT-0042'): ComparisonCsvInput {
  return { patientId, before: BASELINE, after: FOLLOWUP, comparison };
}

const comparison = expectOk(compareStudies(spineInput({ T12, L1: wedgeL1, L2 }), spineInput({ T12, L1: postKyphoplastyL1, L2 })));
/** The columns of the comparison CSV, in order. */
const COMPARISON_HEADERS = [
  'patient_id',
  'baseline_study_date', 'baseline_study_instance_uid', 'baseline_series_instance_uid',
  'followup_study_date', 'followup_study_instance_uid', 'followup_series_instance_uid',
  'level',
  'anterior_before_mm', 'anterior_after_mm', 'anterior_gain_mm', 'anterior_restoration_pct',
  'middle_before_mm', 'middle_after_mm', 'middle_gain_mm', 'middle_restoration_pct',
  'posterior_before_mm', 'posterior_after_mm', 'posterior_gain_mm', 'posterior_restoration_pct',
  'wedge_angle_before_deg', 'wedge_angle_after_deg', 'wedge_angle_change_deg',
  'cobb_angle_before_deg', 'cobb_angle_after_deg', 'cobb_angle_change_deg',
  'genant_grade_before', 'genant_grade_after',
  'note',
] as const;
type ComparisonColumn = (typeof COMPARISON_HEADERS)[number];

const records = parseRecords(writeComparisonCsv(csvInput(comparison)), COMPARISON_HEADERS);

/** A cell as the number a spreadsheet reads, or null when empty. */
function numberOrNull(cell: string): number | null {
  return cell === '' ? null : Number(cell);
}

function recordOf(level: SpinalLevel, rows = records): Record<ComparisonColumn, string> {
  const record = rows.find((r) => r.level === level);
  if (record === undefined) throw new Error(`no row for ${level}`);
  return record;
}

/** The cell of `column`, a column named at run time; the test fails when the record has no such column. */
function cellOf(record: Readonly<Record<string, string>>, column: string): string {
  const cell = record[column];
  if (cell === undefined) expect.fail(`no column ${column} in the CSV`);
  return cell;
}

const NUMBER_COLUMNS = COMPARISON_CSV_COLUMNS.map((c) => c.header).filter((h) => /_(mm|pct|deg)$|^genant_grade/.test(h));

describe('writeComparisonCsv', () => {
  it('has the header row of the comparison', () => {
    const [header] = parseCsv(writeComparisonCsv(csvInput(comparison)).slice(1));
    expect(header).toEqual(COMPARISON_HEADERS);
  });

  it('is UTF-8 with a BOM, every field quoted, every line ended by CRLF', () => {
    const csv = writeComparisonCsv(csvInput(comparison));
    expect(csv.startsWith('\uFEFF"patient_id","baseline_study_date",')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(1 + 3);
    for (const line of lines) expect(line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes one row per level measured in both studies, cranial to caudal, with both studies named', () => {
    expect(records.map((r) => r.level)).toEqual(['T12', 'L1', 'L2']);
    for (const record of records) {
      expect(record).toMatchObject({
        patient_id: 'PAT-0042',
        baseline_study_date: '2026-09-15',
        baseline_study_instance_uid: BASELINE.studyInstanceUID,
        baseline_series_instance_uid: BASELINE.seriesInstanceUID,
        followup_study_date: '2026-09-17',
        followup_study_instance_uid: FOLLOWUP.studyInstanceUID,
        followup_series_instance_uid: FOLLOWUP.seriesInstanceUID,
        note: '',
      });
    }
  });

  it("reads back exactly compareStudies' numbers, unrounded, empty where they are null", () => {
    const expected = (c: LevelComparison): Record<string, number | null> => ({
      anterior_before_mm: c.before.heights.anteriorMm,
      anterior_after_mm: c.after.heights.anteriorMm,
      anterior_gain_mm: c.gainMm.anterior,
      anterior_restoration_pct: c.restorationPct.anterior,
      middle_before_mm: c.before.heights.middleMm,
      middle_after_mm: c.after.heights.middleMm,
      middle_gain_mm: c.gainMm.middle,
      middle_restoration_pct: c.restorationPct.middle,
      posterior_before_mm: c.before.heights.posteriorMm,
      posterior_after_mm: c.after.heights.posteriorMm,
      posterior_gain_mm: c.gainMm.posterior,
      posterior_restoration_pct: c.restorationPct.posterior,
      wedge_angle_before_deg: c.before.wedgeAngleDeg,
      wedge_angle_after_deg: c.after.wedgeAngleDeg,
      wedge_angle_change_deg: c.wedgeAngleChangeDeg,
      cobb_angle_before_deg: c.before.cobbAngleDeg,
      cobb_angle_after_deg: c.after.cobbAngleDeg,
      cobb_angle_change_deg: c.cobbAngleChangeDeg,
      genant_grade_before: c.gradeBefore,
      genant_grade_after: c.gradeAfter,
    });
    for (const c of comparison.levels) {
      const record = recordOf(c.level);
      expect(Object.fromEntries(NUMBER_COLUMNS.map((h) => [h, numberOrNull(cellOf(record, h))]))).toEqual(expected(c));
    }
  });

  describe('for the kyphoplasty of L1 (reference Hp 27 mm from L2; T12 is itself deformed)', () => {
    const l1 = recordOf('L1');

    it.each<[ComparisonColumn, number, number]>([
      ['anterior_before_mm', 16.58, 1e-9],
      ['anterior_after_mm', 22.95, 1e-9],
      ['anterior_gain_mm', 6.37, 1e-9],
      ['middle_gain_mm', 3.18, 1e-9],
      ['posterior_gain_mm', 0, 1e-9],
      // gain / (27 − before) × 100
      ['anterior_restoration_pct', (100 * 6.37) / 10.42, 1e-9],
      ['middle_restoration_pct', (100 * 3.18) / 6.76, 1e-9],
      ['posterior_restoration_pct', 0, 1e-9],
    ])('writes %s ≈ %s', (column, value, tolerance) => {
      expect(Number(l1[column])).toBeCloseToMm(value, tolerance);
    });

    it('writes the wedge angle falling from atan(8.92 / 30) to atan(2.55 / 30)', () => {
      const degrees = (ratio: number) => (Math.atan(ratio) * 180) / Math.PI;
      expect(Number(l1.wedge_angle_before_deg)).toBeCloseToDeg(degrees(8.92 / 30), 1e-9);
      expect(Number(l1.wedge_angle_after_deg)).toBeCloseToDeg(degrees(2.55 / 30), 1e-9);
      expect(Number(l1.wedge_angle_change_deg)).toBeCloseToDeg(degrees(2.55 / 30) - degrees(8.92 / 30), 1e-9);
    });

    it('writes the Cobb angle over T12–L2, unchanged here because T12 and L2 did not move', () => {
      expect(l1.cobb_angle_before_deg).not.toBe('');
      expect(Number(l1.cobb_angle_change_deg)).toBeCloseToDeg(0, 1e-9);
    });

    it('writes the Genant grade falling from 2 to 0', () => {
      expect([l1.genant_grade_before, l1.genant_grade_after]).toEqual(['2', '0']);
    });

    it('leaves empty what compareStudies cannot tell: no posterior restoration for L2 (no reference), no Cobb angle at the ends', () => {
      expect(recordOf('L2').posterior_restoration_pct).toBe('');
      expect(recordOf('T12').cobb_angle_before_deg).toBe('');
      expect(recordOf('L2').cobb_angle_change_deg).toBe('');
    });
  });

  describe('when a level is measured in one study only', () => {
    const partial = expectOk(
      compareStudies(spineInput({ T11, T12, L1: wedgeL1, L2 }), spineInput({ T12, L1: postKyphoplastyL1, L2, L3 })),
    );
    const rows = parseRecords(writeComparisonCsv(csvInput(partial)), COMPARISON_HEADERS);

    it('writes those levels after the compared ones, cranial to caudal, with a note', () => {
      expect(rows.map((r) => [r.level, r.note])).toEqual([
        ['T12', ''],
        ['L1', ''],
        ['L2', ''],
        ['T11', ONLY_BASELINE_NOTE],
        ['L3', ONLY_FOLLOWUP_NOTE],
      ]);
      expect([ONLY_BASELINE_NOTE, ONLY_FOLLOWUP_NOTE]).toEqual(['measured only at baseline', 'measured only at follow-up']);
    });

    it('names both studies but leaves every number empty', () => {
      for (const level of ['T11', 'L3'] as const) {
        const record = recordOf(level, rows);
        expect(record.patient_id).toBe('PAT-0042');
        expect(record.baseline_study_instance_uid).toBe(BASELINE.studyInstanceUID);
        expect(record.followup_study_instance_uid).toBe(FOLLOWUP.studyInstanceUID);
        for (const column of NUMBER_COLUMNS) expect(cellOf(record, column), column).toBe('');
      }
    });

    it('still writes the numbers of the compared levels', () => {
      const l1 = partial.levels.find((c) => c.level === 'L1');
      expect(Number(recordOf('L1', rows).anterior_gain_mm)).toBe(l1?.gainMm.anterior);
    });
  });

  it('writes only a header when no level was measured in both studies or either', () => {
    const csv = writeComparisonCsv(csvInput({ levels: [], onlyBefore: [], onlyAfter: [] }));
    expect(parseCsv(csv.slice(1))).toHaveLength(1);
  });

  describe('guards text cells against formula injection', () => {
    it.each([
      ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
      ['+4420', "'+4420"],
      ['-1', "'-1"],
      ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
      ['PAT-0042', 'PAT-0042'],
    ])('writes the patient id %s as %s', (patientId, written) => {
      expect(at(parseRecords(writeComparisonCsv(csvInput(comparison, patientId)), COMPARISON_HEADERS), 0).patient_id).toBe(written);
    });

    it('guards study dates and UIDs read from untrusted files too', () => {
      const input: ComparisonCsvInput = {
        ...csvInput(comparison),
        before: { studyInstanceUID: '=1+1', seriesInstanceUID: '@x', studyDate: '-20260915' },
      };
      const record = at(parseRecords(writeComparisonCsv(input), COMPARISON_HEADERS), 0);
      expect([record.baseline_study_instance_uid, record.baseline_series_instance_uid, record.baseline_study_date]).toEqual([
        "'=1+1",
        "'@x",
        "'-20260915",
      ]);
    });

    it('leaves negative numbers as numbers', () => {
      const wedgeChange = recordOf('L1').wedge_angle_change_deg;
      expect(wedgeChange.startsWith('-')).toBe(true);
      expect(Number.isFinite(Number(wedgeChange))).toBe(true);
    });
  });
});
