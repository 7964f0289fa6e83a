import { describe, expect, it } from 'vitest';
import { LIMITS_OF_AGREEMENT_Z, type DisplayedPlane, type SixPoints, type SpinalLevel, type Vec3 } from '../../measurement';
import { coarsestPlane, displayedPlaneOf, type SeriesGrid } from '../../viewer/model/displayedPlane';
import { levelAfterCompletion } from '../../viewer/model/levelProposal';
import { EMPTY_MEASUREMENTS, execute, readingOf, redo, undo, type VertebraMeasurement } from '../../viewer/model/measurements';
import { seriesMorphometry } from '../../viewer/model/morphometry';
import { NO_READING, readerDisagrees, readReaderReading } from '../../viewer/model/readerReading';
import { seriesReadingComparison } from '../../viewer/model/readingComparison';
import { readingsCsvRows, writeReadingsCsv } from '../../viewer/export/csv';

/** A box-shaped vertebra in the sagittal plane x = 0: anterior towards −y, superior towards +z. */
function box(anteriorMm: number, middleMm: number, posteriorMm: number, zMm = 0): SixPoints {
  const p = (y: number, z: number): Vec3 => [0, y, z];
  return {
    anteriorSuperior: p(-15, zMm + anteriorMm), anteriorInferior: p(-15, zMm),
    middleSuperior: p(0, zMm + middleMm), middleInferior: p(0, zMm),
    posteriorSuperior: p(15, zMm + posteriorMm), posteriorInferior: p(15, zMm),
  };
}

const SAGITTAL_PLANE: DisplayedPlane = { horizontalPixelMm: 0.8, verticalPixelMm: 1, horizontalDirection: [0, 1, 0], verticalDirection: [0, 0, 1], sliceSpacingMm: 0.7 };

function vertebra(id: string, level: SpinalLevel, points: SixPoints, extra: Partial<VertebraMeasurement> = {}): VertebraMeasurement {
  return { id, studyKey: 'ST', seriesKey: 'S1', frameOfReferenceUID: 'F', level, points, calibrated: true, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: null, ...extra };
}

function stateOf(measurements: VertebraMeasurement[]) {
  return measurements.reduce((s, m) => execute(s, { type: 'add', measurement: m }), EMPTY_MEASUREMENTS);
}

describe('displayedPlaneOf', () => {
  const axialCt: SeriesGrid = { rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], columnSpacingMm: 0.7, rowSpacingMm: 0.8, sliceSpacingMm: 1.5 };
  const sagittalStack: SeriesGrid = { rowDirection: [0, 1, 0], columnDirection: [0, 0, -1], columnSpacingMm: 0.5, rowSpacingMm: 0.6, sliceSpacingMm: 3 };

  it.each<[string, SeriesGrid, Vec3, Vec3, [number, number, number]]>([
    // The sagittal reformat of an axial CT: A–P pixels are the rows' spacing, S–I pixels the slice spacing.
    ['the sagittal reformat of an axial CT', axialCt, [1, 0, 0], [0, 0, 1], [0.8, 1.5, 0.7]],
    ['the coronal reformat of an axial CT', axialCt, [0, 1, 0], [0, 0, 1], [0.7, 1.5, 0.8]],
    ['the axial CT itself', axialCt, [0, 0, 1], [0, -1, 0], [0.7, 0.8, 1.5]],
    ['a sagittal stack in its own plane', sagittalStack, [1, 0, 0], [0, 0, 1], [0.5, 0.6, 3]],
  ])('gives %s its pixel sizes and slice spacing, mm', (_case, grid, normal, up, [horizontal, vertical, slice]) => {
    const plane = displayedPlaneOf(grid, normal, up)!;
    expect(plane.horizontalPixelMm).toBeCloseTo(horizontal, 12);
    expect(plane.verticalPixelMm).toBeCloseTo(vertical, 12);
    expect(plane.sliceSpacingMm).toBeCloseTo(slice, 12);
  });

  it('uses the larger pixel size across a single image', () => {
    expect(displayedPlaneOf({ ...sagittalStack, sliceSpacingMm: null }, [1, 0, 0], [0, 0, 1])!.sliceSpacingMm).toBeCloseTo(0.6, 12);
  });

  it('gives null for a degenerate view', () => {
    expect(displayedPlaneOf(axialCt, [0, 0, 0], [0, 0, 1])).toBeNull();
    expect(displayedPlaneOf(axialCt, [1, 0, 0], [1, 0, 0])).toBeNull();
  });
});

describe('coarsestPlane', () => {
  it('takes the largest pixel sizes and slice spacing, and the directions when all planes share them', () => {
    const coarse = { ...SAGITTAL_PLANE, verticalPixelMm: 2, sliceSpacingMm: 0.5 };
    expect(coarsestPlane([SAGITTAL_PLANE, coarse])).toEqual({ ...SAGITTAL_PLANE, verticalPixelMm: 2, sliceSpacingMm: 0.7 });
  });

  it('drops the directions when the planes differ, and is null without a plane', () => {
    const coronal = { ...SAGITTAL_PLANE, horizontalDirection: [1, 0, 0] as Vec3 };
    expect(coarsestPlane([SAGITTAL_PLANE, coronal])).not.toHaveProperty('horizontalDirection');
    expect(coarsestPlane([])).toBeNull();
  });
});

describe('levelAfterCompletion', () => {
  it.each<[string, SpinalLevel, SpinalLevel, SpinalLevel | null, SpinalLevel]>([
    ['takes the proposal when the selector still shows the completed level', 'L1', 'L1', 'T12', 'T12'],
    ['keeps the level the user picked meanwhile', 'L1', 'C7', 'T12', 'C7'],
    ['keeps the level the user picked even when it equals no proposal', 'L1', 'L4', null, 'L4'],
    ['keeps the selector without a proposal', 'L1', 'L1', null, 'L1'],
  ])('%s', (_case, completedLevel, selectedLevel, proposal, expected) => {
    expect(levelAfterCompletion({ completedLevel, selectedLevel, proposal })).toBe(expected);
  });
});

describe("the reader's reading in the measurement model", () => {
  const reading = { grade: 3 as const, endplateDepression: true, note: 'collapse' };

  it('is recorded, undone and redone as one step', () => {
    const added = stateOf([vertebra('a', 'L1', box(20, 20, 20))]);
    const read = execute(added, { type: 'read', id: 'a', before: NO_READING, after: reading });
    expect(readingOf(read.byId.a!)).toEqual(reading);
    expect(readingOf(undo(read).byId.a!)).toEqual(NO_READING);
    expect(readingOf(redo(undo(read)).byId.a!)).toEqual(reading);
  });

  it.each<[string, Parameters<typeof readerDisagrees>[0], Parameters<typeof readerDisagrees>[1], boolean]>([
    ['no reading', undefined, { min: 2, max: 2 }, false],
    ['no grade', NO_READING, { min: 2, max: 2 }, false],
    ['the same grade', { ...NO_READING, grade: 2 }, { min: 2, max: 2 }, false],
    ['a grade inside a borderline range', { ...NO_READING, grade: 1 }, { min: 1, max: 2 }, false],
    ['a higher grade', { ...NO_READING, grade: 3 }, { min: 1, max: 2 }, true],
    ['a lower grade', { ...NO_READING, grade: 0 }, { min: 1, max: 2 }, true],
    ['no morphometric grade', { ...NO_READING, grade: 0 }, null, false],
  ])('disagrees with %s: %s', (_case, r, range, expected) => {
    expect(readerDisagrees(r, range)).toBe(expected);
  });

  it.each<[unknown, unknown]>([
    [{ grade: 2, endplateDepression: true, note: 'x' }, { grade: 2, endplateDepression: true, note: 'x' }],
    [{}, NO_READING],
    [{ grade: null }, NO_READING],
    [{ grade: 4 }, null],
    [{ grade: 1.5 }, null],
    [{ endplateDepression: 1 }, null],
    [{ note: null }, null],
    ['3', null],
    [null, null],
  ])('reads %j from a file as %j', (raw, expected) => {
    expect(readReaderReading(raw)).toEqual(expected);
  });
});

describe('seriesMorphometry with the displayed plane', () => {
  it('flags a 24.5 % wedge borderline 1–2 and a 35 % wedge plain grade 2', () => {
    const state = stateOf([
      vertebra('t12', 'T12', box(30, 30, 30, 40), { plane: SAGITTAL_PLANE }),
      vertebra('l1', 'L1', box(22.65, 30, 30), { plane: SAGITTAL_PLANE }),
      vertebra('l2', 'L2', box(19.5, 30, 30, -40), { plane: SAGITTAL_PLANE }),
    ]);
    const { rows, plane } = seriesMorphometry(state, 'S1');
    expect(plane).toEqual(SAGITTAL_PLANE);
    expect(rows[1]!.assessment!.uncertainty).toMatchObject({ borderline: true, gradeRange: { min: 1, max: 2 } });
    expect(rows[2]!.assessment!.uncertainty).toMatchObject({ borderline: false, gradeRange: { min: 2, max: 2 } });
  });

  it('has no uncertainty when no vertebra carries a plane (e.g. from an older file)', () => {
    const { rows, plane } = seriesMorphometry(stateOf([vertebra('l1', 'L1', box(22.65, 30, 30))]), 'S1');
    expect(plane).toBeNull();
    expect(rows[0]!.assessment!.uncertainty).toBeNull();
  });

  it('keeps the assessment when a stored plane is damaged, dropping only the uncertainty', () => {
    const { rows, plane } = seriesMorphometry(stateOf([vertebra('l1', 'L1', box(22.65, 30, 30), { plane: { ...SAGITTAL_PLANE, verticalPixelMm: -1 } })]), 'S1');
    expect(plane).toBeNull();
    expect(rows[0]!.assessment!.assessment.grade).toBe(1);
  });

  it.each<[string, Array<[SpinalLevel, number]>, string[]]>([
    ['in order', [['T12', 40], ['L1', 0], ['L2', -40]], []],
    ['with T12 and L1 swapped', [['T12', 0], ['L1', 40], ['L2', -40]], ['T12-L1']],
    ['with T5 put below L2', [['T5', -80], ['L1', 0], ['L2', -40]], ['T5-L1', 'T5-L2']],
  ])('lists label pairs out of order (%s)', (_case, levels, pairs) => {
    const { levelOrder, rows } = seriesMorphometry(stateOf(levels.map(([level, z]) => vertebra(level, level, box(30, 30, 30, z)))), 'S1');
    expect(levelOrder.map((v) => `${v.cranial}-${v.caudal}`)).toEqual(pairs);
    expect(rows.every((r) => r.assessment !== null)).toBe(true);
  });
});

describe('seriesReadingComparison', () => {
  const first = [vertebra('a1', 'L1', box(20, 20, 20)), vertebra('a2', 'L2', box(25, 25, 25, -40))];
  const second = [vertebra('b1', 'L1', box(21, 20, 20)), vertebra('b2', 'L2', box(25, 26, 25, -40)), vertebra('b3', 'L3', box(25, 25, 25, -80))];
  const readings = { seriesKey: 'S1', first, second, secondLabel: 'blinded repeat' };

  it('gives per-level differences and the pooled RMS-CV and limits of agreement computed by hand', () => {
    const c = seriesReadingComparison(readings);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.levels.map((l) => [l.level, l.differenceMm.anterior, l.differenceMm.middle, l.differenceMm.posterior])).toEqual([
      ['L1', 1, 0, 0],
      ['L2', 0, 1, 0],
    ]);
    expect(c.value.onlySecond).toEqual(['L3']);
    // Six pairs, two differing by 1 mm at means 20.5 and 25.5 mm: CV = (1/√2)/mean for those, 0 for the rest.
    const cv = (mean: number) => 1 / Math.SQRT2 / mean;
    expect(c.value.pooled.rmsCvPct).toBeCloseTo(100 * Math.sqrt((cv(20.5) ** 2 + cv(25.5) ** 2) / 6), 12);
    // Differences 1, 0, 0, 0, 1, 0 mm: bias 1/3, SD √((2·(2/3)² + 4·(1/3)²)/5).
    const sd = Math.sqrt((2 * (2 / 3) ** 2 + 4 * (1 / 3) ** 2) / 5);
    expect(c.value.pooled.agreementMm!.bias).toBeCloseTo(1 / 3, 12);
    expect(c.value.pooled.agreementMm!.lower).toBeCloseTo(1 / 3 - LIMITS_OF_AGREEMENT_Z * sd, 12);
    expect(c.value.pooled.agreementMm!.upper).toBeCloseTo(1 / 3 + LIMITS_OF_AGREEMENT_Z * sd, 12);
  });

  it('writes the comparison as CSV: one row per level, then the summaries', () => {
    const c = seriesReadingComparison(readings);
    if (!c.ok) throw new Error(c.error.message);
    expect(readingsCsvRows(c.value).map((r) => (r.kind === 'level' ? r.level.level : r.measure))).toEqual(['L1', 'L2', 'anterior', 'middle', 'posterior', 'pooled', 'height_loss']);
    const lines = writeReadingsCsv(c.value).split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF"row_kind","level","measure","first_anterior_mm"/);
    expect(lines[1]).toMatch(/^"level","L1","","20","20","20","21","20","20","1","0","0",/);
  });

  it('fails with a message when no level was read twice', () => {
    const c = seriesReadingComparison({ ...readings, second: [vertebra('b3', 'L3', box(25, 25, 25, -80))] });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.message).toMatch(/No level is measured in both readings/);
  });
});
