import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SpinalLevel } from '../../measurement';
import { lateralSpine, lateralVertebra, type LateralVertebraSpec } from '../../measurement/testing/fixtures';
import { seriesReportInput } from '../../viewer/actions/seriesReportInput';
import { writeMeasurementsCsv } from '../../viewer/export/csv';
import { measurementsDocument, type MeasurementsExportInput } from '../../viewer/export/json';
import { ReportView } from '../../viewer/export/report/ReportView';
import { readMeasurementReport, writeMeasurementReport } from '../../viewer/export/sr';
import type { SeriesGroup } from '../../viewer/loading/grouping';
import { chartOf, comparisonOf, type TimePoint } from '../../viewer/model/comparison';
import { EMPTY_MEASUREMENTS, execute, type VertebraMeasurement } from '../../viewer/model/measurements';
import { DUPLICATE_LEVEL_MESSAGE, seriesMorphometry } from '../../viewer/model/morphometry';
import { vertebraStyle } from '../../viewer/model/vertebraStyle';
import { parseRecords } from '../helpers/csv';
import { testInstanceMeta } from '../helpers/instanceMeta';

// A baseline series with L1 measured twice (two different placements), and a follow-up series measured once per level.
const SPECS: ReadonlyArray<{ level: SpinalLevel; spec: LateralVertebraSpec }> = [
  { level: 'T11', spec: { anteriorMm: 22.1, middleMm: 21.8, posteriorMm: 23 } },
  { level: 'T12', spec: { anteriorMm: 23.2, middleMm: 18.72, posteriorMm: 24 } },
  { level: 'L1', spec: { anteriorMm: 16.58, middleMm: 22.4, posteriorMm: 25.5 } },
  { level: 'L2', spec: { anteriorMm: 26.1, middleMm: 25.6, posteriorMm: 27 } },
  { level: 'L3', spec: { anteriorMm: 28.6, middleMm: 27.4, posteriorMm: 28 } },
];
const STUDY = '1.2.3';
const BASELINE = '1.2.3.4';
const FOLLOW_UP = '1.2.3.5';

function vertebra(id: string, level: SpinalLevel, points: VertebraMeasurement['points'], seriesKey: string): VertebraMeasurement {
  return { id, studyKey: STUDY, seriesKey, frameOfReferenceUID: '1.2.3.9', level, points, calibrated: true, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: null };
}

const spine = lateralSpine(SPECS);
const secondL1 = lateralVertebra({ anteriorMm: 24, middleMm: 24, posteriorMm: 25.5, originMm: [0, 0, -70] });
const measurements = execute(EMPTY_MEASUREMENTS, {
  type: 'addMany',
  measurements: [
    ...spine.map(({ level, points }) => vertebra(`b-${level}`, level, points, BASELINE)),
    vertebra('b-L1-again', 'L1', secondL1, BASELINE),
    ...spine.map(({ level, points }) => vertebra(`f-${level}`, level, points, FOLLOW_UP)),
  ],
});

const panel = seriesMorphometry(measurements, BASELINE);
const ASSESSED: SpinalLevel[] = ['T11', 'T12', 'L2', 'L3'];
const gradeOf = new Map(panel.rows.flatMap((r) => (r.assessment ? [[r.measurement.level, r.assessment.assessment.grade] as const] : [])));

const series: SeriesGroup = {
  key: BASELINE, studyKey: STUDY, modality: 'CT', description: 'SAG', seriesNumber: 1, kind: 'image', imageCount: 1,
  instances: [{ meta: testInstanceMeta({ seriesInstanceUID: BASELINE }), imageIds: ['dicomfile:0'] }],
};
const exportInput: MeasurementsExportInput = {
  appVersion: '0.1.0', exportedAt: new Date(Date.UTC(2026, 11, 1)), patient: { id: 'P1', name: 'PHANTOM^SPINE' },
  studies: [{ key: STUDY, studyInstanceUID: STUDY, studyDate: '20260915', series: [{ key: BASELINE, seriesInstanceUID: BASELINE }] }],
  measurements: Object.values(measurements.byId).filter((m) => m.seriesKey === BASELINE),
};

describe('a level measured twice on one series', () => {
  it('is flagged on both rows of the panel, and the other levels are assessed without it', () => {
    expect(panel.rows.filter((r) => r.duplicate).map((r) => r.measurement.id).sort()).toEqual(['b-L1', 'b-L1-again']);
    expect(panel.rows.filter((r) => r.duplicate).every((r) => r.assessment === null && r.error === DUPLICATE_LEVEL_MESSAGE('L1'))).toBe(true);
    expect(panel.rows.filter((r) => r.assessment).map((r) => r.measurement.level)).toEqual(ASSESSED);
    // Neither L1 is a neighbour reference of T12 or L2.
    for (const row of panel.rows) expect(row.assessment?.referenceLevels ?? []).not.toContain('L1');
  });

  it('draws both without a grade in the tool, the others in their panel grade', () => {
    for (const row of panel.rows) {
      const grade = gradeOf.get(row.measurement.level);
      expect(vertebraStyle(row).gradeText).toBe(row.duplicate ? '' : `G${grade}`);
    }
  });

  it('is written twice to the JSON, each "not assessed" with the panel\'s reason, the others with the panel\'s grade', () => {
    const vertebrae = measurementsDocument(exportInput).studies.flatMap((s) => s.series.flatMap((x) => x.vertebrae));
    expect(vertebrae.filter((v) => v.level === 'L1').map((v) => v.informative)).toEqual([
      { notAssessed: DUPLICATE_LEVEL_MESSAGE('L1') },
      { notAssessed: DUPLICATE_LEVEL_MESSAGE('L1') },
    ]);
    const graded = vertebrae.filter((v) => v.informative && 'genantGrade' in v.informative);
    expect(graded.map((v) => v.level)).toEqual(ASSESSED);
  });

  it('is written twice to the CSV with the panel\'s reason as its note', () => {
    const records = parseRecords(writeMeasurementsCsv(exportInput));
    expect(records.filter((r) => r.level === 'L1').map((r) => r.note)).toEqual([DUPLICATE_LEVEL_MESSAGE('L1'), DUPLICATE_LEVEL_MESSAGE('L1')]);
    expect(records.filter((r) => r.genant_grade !== '').map((r) => [r.level, Number(r.genant_grade)])).toEqual(ASSESSED.map((l) => [l, gradeOf.get(l)]));
  });

  it('is left out of compare mode\'s comparison and chart, which use the other levels', () => {
    const point = (seriesKey: string, studyDate: string): TimePoint => ({
      studyKey: `${STUDY}-${seriesKey}`, seriesKey, label: `${studyDate} · CT`, studyDate, studyInstanceUID: STUDY, seriesInstanceUID: seriesKey, patientId: 'P1', patientName: 'PHANTOM^SPINE',
    });
    const { comparison } = comparisonOf(measurements, point(BASELINE, '20260915'), point(FOLLOW_UP, '20261027'));
    expect(comparison?.levels.map((c) => c.level)).toEqual(ASSESSED);
    expect(comparison?.levels.map((c) => c.gradeBefore)).toEqual(ASSESSED.map((l) => gradeOf.get(l)));
    expect(comparison?.onlyAfter).toEqual(['L1']);
    const chart = chartOf(measurements, [point(BASELINE, '20260915'), point(FOLLOW_UP, '20261027')]);
    expect(chart).not.toBeNull();
  });

  it('is left out of the DICOM SR, which holds the assessed levels and says which rows it left out', () => {
    const prepared = seriesReportInput(series, panel, { appVersion: '0.1.0', now: new Date(Date.UTC(2026, 11, 1)) })!;
    expect(prepared.input.vertebrae.map((v) => v.level)).toEqual(ASSESSED);
    expect(prepared.leftOut).toHaveLength(2);
    expect(prepared.leftOut.every((line) => line.startsWith(DUPLICATE_LEVEL_MESSAGE('L1')))).toBe(true);
    const written = writeMeasurementReport(prepared.input);
    expect(written.ok).toBe(true);
    const read = readMeasurementReport(written.ok ? written.value.bytes : new Uint8Array());
    expect(read.ok && read.value.vertebrae.map((v) => v.level)).toEqual(ASSESSED);
  });

  it("carries each written vertebra's reader reading into the SR, and the SR gives it back", () => {
    const reading = { grade: 2 as const, endplateDepression: true, note: 'read twice' };
    const withReading = execute(measurements, { type: 'read', id: 'b-T12', before: { grade: null, endplateDepression: false, note: '' }, after: reading });
    const prepared = seriesReportInput(series, seriesMorphometry(withReading, BASELINE), { appVersion: '0.1.0', now: new Date(Date.UTC(2026, 11, 1)) })!;
    expect(prepared.input.vertebrae.find((v) => v.level === 'T12')?.reading).toEqual(reading);
    expect(prepared.input.vertebrae.find((v) => v.level === 'T11')).not.toHaveProperty('reading');
    const written = writeMeasurementReport(prepared.input);
    const read = readMeasurementReport(written.ok ? written.value.bytes : new Uint8Array());
    expect(read.ok && read.value.vertebrae.find((v) => v.level === 'T12')?.reading).toEqual(reading);
  });

  it('shows both rows in the printable report with the panel\'s reason, the others with the panel\'s grade', () => {
    const html = renderToStaticMarkup(createElement(ReportView, {
      onClose: () => undefined,
      data: {
        patientName: 'PHANTOM^SPINE', patientId: 'P1', patientBirthDate: '', studyDate: '20260915', studyDescription: '', studyInstanceUID: STUDY,
        seriesDescription: 'SAG', seriesInstanceUID: BASELINE, modality: 'CT', morphometry: panel, snapshot: null, snapshotError: null,
        createdAt: '', appVersion: '0.1.0', comparison: null,
      },
    }));
    expect(html.split(DUPLICATE_LEVEL_MESSAGE('L1')).length - 1).toBe(2);
    expect(html.match(/data-level="[A-Z0-9]+"/g)).toHaveLength(6);
  });
});
