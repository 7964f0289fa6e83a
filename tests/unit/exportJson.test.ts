import { describe, expect, it } from 'vitest';
import { assessSpine, gradeRuleCode, SPINAL_LEVELS, type SixPoints, type SpinalLevel } from '../../measurement';
import { baselineSpine } from '../helpers/baselineSpine';
import type { VertebraMeasurement } from '../../viewer/model/measurements';
import {
  MEASUREMENTS_FORMAT,
  measurementsDocument,
  readMeasurementsJson,
  toVertebraMeasurement,
  writeMeasurementsJson,
  type ImageReference,
  type ImportResult,
  type MeasurementsExportInput,
  type MeasurementsImport,
} from '../../viewer/export/json';
import { MAX_MEASUREMENTS_FILE_BYTES, MAX_SERIES_PER_FILE, MAX_VERTEBRAE_PER_FILE, measurementsFileSizeProblem } from '../../viewer/export/json/importLimits';
import { at } from '../../measurement/testing/results';

const STUDY_BASELINE = '1.2.826.0.1.3680043.8.498.101';
const SERIES_CT = `${STUDY_BASELINE}.1`;
const SERIES_RADIOGRAPH = `${STUDY_BASELINE}.2`;
const FRAME_CT = `${STUDY_BASELINE}.9`;
const STUDY_FOLLOW_UP = '1.2.826.0.1.3680043.8.498.202';
const SERIES_FOLLOW_UP = `${STUDY_FOLLOW_UP}.1`;

/** Image ids of this "session" and the SOP instances behind them; the CT is one multi-frame instance. */
const IMAGE_REFERENCES = new Map<string, ImageReference>([
  ...baselineSpine.map(({ level }, i): [string, ImageReference] => [
    `wadouri:blob:ct#${level}`,
    { sopInstanceUID: `${SERIES_CT}.7`, frameNumber: 40 + i },
  ]),
  ['wadouri:blob:radiograph', { sopInstanceUID: `${SERIES_RADIOGRAPH}.1`, frameNumber: null }],
]);
const referencedImageOf = (imageId: string): ImageReference | null => IMAGE_REFERENCES.get(imageId) ?? null;
const imageIdOf = (reference: ImageReference): string | null =>
  [...IMAGE_REFERENCES].find(([, r]) => r.sopInstanceUID === reference.sopInstanceUID && r.frameNumber === reference.frameNumber)?.[0] ?? null;

function vertebra(
  level: SpinalLevel,
  points: SixPoints,
  where: Pick<VertebraMeasurement, 'id' | 'studyKey' | 'seriesKey'> & Partial<VertebraMeasurement>,
): VertebraMeasurement {
  return {
    frameOfReferenceUID: FRAME_CT,
    level,
    points,
    calibrated: true,
    viewPlaneNormal: [1, 0, 0],
    viewUp: [0, 0, 1],
    referencedImageId: null,
    ...where,
  };
}

/** The baseline CT (calibrated, T10–L3), a radiograph of T12–L1 in pixels, and a follow-up CT of L1. */
function exportFixture(): MeasurementsExportInput {
  const ct = baselineSpine.map(({ level, points }) =>
    vertebra(level, points, {
      id: `ct-${level}`,
      studyKey: STUDY_BASELINE,
      seriesKey: SERIES_CT,
      referencedImageId: `wadouri:blob:ct#${level}`,
    }),
  );
  const radiograph = baselineSpine
    .filter(({ level }) => level === 'T12' || level === 'L1')
    .map(({ level, points }) =>
      vertebra(level, points, {
        id: `xr-${level}`,
        studyKey: STUDY_BASELINE,
        seriesKey: SERIES_RADIOGRAPH,
        frameOfReferenceUID: '',
        calibrated: false,
        viewPlaneNormal: [0.6, 0.8, 0],
        viewUp: [0, 0, -1],
        referencedImageId: 'wadouri:blob:radiograph',
      }),
    );
  const followUp = vertebra('L1', at(baselineSpine, 3).points, {
    id: 'fu-L1',
    studyKey: STUDY_FOLLOW_UP,
    seriesKey: SERIES_FOLLOW_UP,
    frameOfReferenceUID: `${STUDY_FOLLOW_UP}.9`,
  });
  return {
    appVersion: '0.1.0',
    exportedAt: new Date(Date.UTC(2024, 5, 12, 9, 30, 0)),
    patient: { id: 'PAT-0042', name: 'Müller^Jürgen' },
    studies: [
      {
        key: STUDY_BASELINE,
        studyInstanceUID: STUDY_BASELINE,
        studyDate: '20240305',
        series: [
          { key: SERIES_CT, seriesInstanceUID: SERIES_CT },
          { key: 'series-without-measurements', seriesInstanceUID: '9.9.9' },
          { key: SERIES_RADIOGRAPH, seriesInstanceUID: SERIES_RADIOGRAPH },
        ],
      },
      { key: STUDY_FOLLOW_UP, studyInstanceUID: STUDY_FOLLOW_UP, studyDate: '20240611', series: [{ key: SERIES_FOLLOW_UP, seriesInstanceUID: SERIES_FOLLOW_UP }] },
    ],
    // Deliberately not in level order: the writer sorts cranial → caudal.
    measurements: [followUp, ...radiograph, ...[...ct].reverse()],
    referencedImageOf,
  };
}

/** A plain, editable copy of the exported document, for tampering in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = any;
function exportedDocument(): Editable {
  return JSON.parse(writeMeasurementsJson(exportFixture()));
}

function imported(result: ImportResult): MeasurementsImport {
  if (!result.ok) throw new Error(`expected the import to succeed, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}

/** What the viewer would store after importing: keys are the UIDs here, since the fixture's keys are its UIDs. */
function asStored(value: MeasurementsImport): VertebraMeasurement[] {
  return value.measurements.map((m) => toVertebraMeasurement(m, { studyKey: m.studyInstanceUID, seriesKey: m.seriesInstanceUID }));
}

// ---------------------------------------------------------------------------------------------------------------

describe('writeMeasurementsJson', () => {
  it('writes the format, the schema version, the app version, the export time in UTC and the patient', () => {
    const document = exportedDocument();
    expect(document).toMatchObject({
      format: 'vertebral-height-measurements',
      schemaVersion: 1,
      appVersion: '0.1.0',
      exportedAt: '2024-06-12T09:30:00.000Z',
      patient: { id: 'PAT-0042', name: 'Müller^Jürgen' },
    });
  });

  it('lists only the series with measurements, in the order given, and their vertebrae cranial to caudal', () => {
    const document = exportedDocument();
    const outline = document.studies.map((study: Editable) => ({
      study: study.studyInstanceUID,
      date: study.studyDate,
      series: study.series.map((series: Editable) => [series.seriesInstanceUID, series.vertebrae.map((v: Editable) => v.level)]),
    }));
    expect(outline).toEqual([
      {
        study: STUDY_BASELINE,
        date: '20240305',
        series: [
          [SERIES_CT, ['T10', 'T11', 'T12', 'L1', 'L2', 'L3']],
          [SERIES_RADIOGRAPH, ['T12', 'L1']],
        ],
      },
      { study: STUDY_FOLLOW_UP, date: '20240611', series: [[SERIES_FOLLOW_UP, ['L1']]] },
    ]);
  });

  it('writes the frame of reference and calibration once per series and the image each vertebra lies on', () => {
    const [baseline] = exportedDocument().studies;
    const [ct, radiograph] = baseline.series;
    expect(ct).toMatchObject({ frameOfReferenceUID: FRAME_CT, calibrated: true });
    expect(radiograph).toMatchObject({ frameOfReferenceUID: '', calibrated: false });
    expect(ct.vertebrae[3]).not.toHaveProperty('frameOfReferenceUID');
    expect(ct.vertebrae[3]).not.toHaveProperty('calibrated');
    expect(ct.vertebrae[3].referencedImage).toEqual({ sopInstanceUID: `${SERIES_CT}.7`, frameNumber: 43 });
    expect(radiograph.vertebrae[0].referencedImage).toEqual({ sopInstanceUID: `${SERIES_RADIOGRAPH}.1`, frameNumber: null });
  });

  it('writes no image reference when it is not told how to find one', () => {
    const { referencedImageOf: _told, ...notTold } = exportFixture();
    const document = measurementsDocument(notTold);
    const references = document.studies.flatMap((s) => s.series.flatMap((x) => x.vertebrae.map((v) => v.referencedImage)));
    expect(references.every((r) => r === null)).toBe(true);
  });

  it('writes a vertebra-level frame of reference only where it differs from its series', () => {
    const input = exportFixture();
    const odd = { ...input.measurements.find((m) => m.id === 'ct-L2')!, frameOfReferenceUID: '1.2.3.4' };
    const document = measurementsDocument({ ...input, measurements: input.measurements.map((m) => (m.id === odd.id ? odd : m)) });
    const l2 = at(at(at(document.studies, 0).series, 0).vertebrae, 4);
    expect(l2.frameOfReferenceUID).toBe('1.2.3.4');
  });

  it('adds the numbers of measurement/ as informative: heights in mm and a grade on a calibrated series', () => {
    const ct = exportedDocument().studies[0].series[0];
    const expected = assessSpine(baselineSpine);
    if (!expected.ok) throw new Error(expected.error.message);
    ct.vertebrae.forEach((v: Editable, i: number) => {
      const level = at(expected.value.levels, i);
      expect(v.informative).toEqual({
        anteriorHeightMm: level.heights.anteriorMm,
        middleHeightMm: level.heights.middleMm,
        posteriorHeightMm: level.heights.posteriorMm,
        wedgeRatio: level.assessment.wedgeRatio,
        biconcavityRatio: level.assessment.biconcavityRatio,
        crushRatio: level.assessment.crushRatio,
        wedgeAngleDeg: level.wedgeAngleDeg,
        referenceLevels: [...level.referenceLevels],
        heightLossPct: level.assessment.heightLossPct,
        deformity: level.assessment.deformity,
        genantGrade: level.assessment.grade,
        genantGradeName: level.assessment.gradeName,
        expectedAnteriorMm: level.assessment.expectedAnteriorMm,
        expectedMiddleMm: level.assessment.expectedMiddleMm,
        expectedPosteriorMm: level.assessment.expectedPosteriorMm,
        anteriorLossPct: level.assessment.anteriorLossPct,
        middleLossPct: level.assessment.middleLossPct,
        posteriorLossPct: level.assessment.posteriorLossPct,
        gradeRule: gradeRuleCode(level.assessment.gradeRule),
        // The fixture's vertebrae carry no displayed plane: no uncertainty, the grade alone.
        heightLossUncertaintyPct: null,
        gradeRange: `${level.assessment.grade}`,
        borderline: false,
      });
    });
    expect(ct.vertebrae[3].informative).toMatchObject({ genantGrade: 2, genantGradeName: 'moderate', deformity: 'wedge', referenceLevels: ['T11', 'L2'] });
  });

  it('gives heights in pixels and no loss or grade on an uncalibrated series', () => {
    const radiograph = exportedDocument().studies[0].series[1];
    const l1 = radiograph.vertebrae[1].informative;
    expect(Object.keys(l1).sort()).toEqual(
      ['anteriorHeightPx', 'biconcavityRatio', 'crushRatio', 'middleHeightPx', 'posteriorHeightPx', 'referenceLevels', 'wedgeAngleDeg', 'wedgeRatio'],
    );
    expect(l1.posteriorHeightPx).toBeCloseTo(25.5, 12);
  });

  it('says why a vertebra has no numbers when its level is measured twice in a series', () => {
    const input = exportFixture();
    const twice = { ...input.measurements.find((m) => m.id === 'ct-L2')!, id: 'ct-L2-again' };
    const document = measurementsDocument({ ...input, measurements: [...input.measurements, twice] });
    const l2s = at(at(document.studies, 0).series, 0).vertebrae.filter((v) => v.level === 'L2');
    expect(l2s.map((v) => v.informative)).toEqual([
      { notAssessed: 'L2 is measured more than once: relabel or delete one' },
      { notAssessed: 'L2 is measured more than once: relabel or delete one' },
    ]);
  });

  it('keeps each point on one line and ends the file with a newline', () => {
    const text = writeMeasurementsJson(exportFixture());
    expect(text).toMatch(/"anteriorSuperior": \[0, -?[\d.]+, [\d.e-]+\]/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('refuses a measurement whose study or series it was not told about (a programmer mistake)', () => {
    const input = exportFixture();
    expect(() => writeMeasurementsJson({ ...input, studies: input.studies.slice(0, 1) })).toThrow(TypeError);
  });
});

describe('readMeasurementsJson', () => {
  describe('after export, clearing the measurements and importing the file', () => {
    it('gives back exactly the same measurements: ids, UIDs, levels, points, directions and images', () => {
      const input = exportFixture();
      const text = writeMeasurementsJson(input);
      const value = imported(readMeasurementsJson(text, { imageIdOf }));
      expect(value.rejected).toEqual([]);
      expect(byId(asStored(value))).toEqual(byId(input.measurements));
    });

    it('gives back every coordinate bit for bit, even numbers without a short decimal form', () => {
      const awkward = (v: readonly [number, number, number]): [number, number, number] => [v[0] + Math.PI, v[1] + 0.1 + 0.2, v[2] / 3 - 1e-9];
      const input = exportFixture();
      const points = Object.fromEntries(
        Object.entries(at(input.measurements, 0).points).map(([name, p]) => [name, awkward(p)]),
      ) as unknown as SixPoints;
      const measurements = [{ ...at(input.measurements, 0), points }];
      const value = imported(readMeasurementsJson(writeMeasurementsJson({ ...input, measurements })));
      const back = at(value.measurements, 0).points;
      for (const name of Object.keys(points) as Array<keyof SixPoints>) {
        points[name].forEach((c, axis) => expect(Object.is(back[name][axis], c)).toBe(true));
      }
    });

    it('tells the caller the patient, app version and export time written in the file', () => {
      const value = imported(readMeasurementsJson(writeMeasurementsJson(exportFixture())));
      expect(value).toMatchObject({ appVersion: '0.1.0', exportedAt: '2024-06-12T09:30:00.000Z', patient: { id: 'PAT-0042', name: 'Müller^Jürgen' } });
    });
  });

  describe("the reader's reading", () => {
    const reading = { grade: 3 as const, endplateDepression: true, note: 'posterior wall collapsed' };
    const withReading = (): MeasurementsExportInput => {
      const input = exportFixture();
      return { ...input, measurements: input.measurements.map((m, i) => (i === 3 ? { ...m, reading } : m)) };
    };

    it('round-trips grade, endplate depression and note, and is left out where none was recorded', () => {
      const input = withReading();
      const document = JSON.parse(writeMeasurementsJson(input));
      const written = document.studies.flatMap((s: Editable) => s.series.flatMap((x: Editable) => x.vertebrae));
      expect(written.filter((v: Editable) => v.readerReading !== undefined).map((v: Editable) => v.readerReading)).toEqual([reading]);
      const stored = asStored(imported(readMeasurementsJson(JSON.stringify(document))));
      const back = stored.find((m) => m.id === at(input.measurements, 3).id)!;
      expect(back.reading).toEqual(reading);
      expect(stored.filter((m) => m.reading !== undefined)).toHaveLength(1);
    });

    it.each([
      ['a grade of 4', { grade: 4, endplateDepression: false, note: '' }],
      ['a text grade', { grade: '2', endplateDepression: false, note: '' }],
      ['a depression that is not a boolean', { grade: 1, endplateDepression: 'yes', note: '' }],
      ['a note that is not text', { grade: 1, endplateDepression: false, note: 7 }],
    ])('rejects the vertebra with %s, naming the field, and keeps the others', (_case, bad) => {
      const document = exportedDocument();
      document.studies[0].series[0].vertebrae[0].readerReading = bad;
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(value.measurements).toHaveLength(8);
      expect(at(value.rejected, 0).reason).toMatch(/readerReading/);
    });
  });

  describe('a proposed vertebra', () => {
    const proposal = { proposed: true, confidence: 0.42, reasons: [{ code: 'CEMENT', message: 'Cement in the body.' }] };
    const reading = { grade: 3 as const, endplateDepression: false, note: 'cemented' };
    const withProposals = (): MeasurementsExportInput => {
      const input = exportFixture();
      return {
        ...input,
        measurements: input.measurements.map((m, i) =>
          i === 3
            ? { ...m, proposed: proposal.proposed, confidence: proposal.confidence, reasons: proposal.reasons, reading }
            : i === 4
              ? { ...m, proposed: false, confidence: 0.95, reasons: [] }
              : m,
        ),
      };
    };

    it("round-trips its review flag, confidence and reasons together with the reader's reading", () => {
      const input = withProposals();
      const document = JSON.parse(writeMeasurementsJson(input));
      const written = document.studies.flatMap((s: Editable) => s.series.flatMap((x: Editable) => x.vertebrae));
      const proposals = written.filter((v: Editable) => v.proposal !== undefined).map((v: Editable) => v.proposal);
      expect(proposals).toHaveLength(2);
      expect(proposals).toEqual(expect.arrayContaining([proposal, { proposed: false, confidence: 0.95, reasons: [] }]));
      const stored = asStored(imported(readMeasurementsJson(JSON.stringify(document))));
      const unreviewed = stored.find((m) => m.id === at(input.measurements, 3).id)!;
      expect(unreviewed).toMatchObject({ proposed: true, confidence: 0.42, reasons: proposal.reasons, reading });
      expect(stored.find((m) => m.id === at(input.measurements, 4).id)).toMatchObject({ proposed: false, confidence: 0.95 });
      expect(stored.filter((m) => m.confidence === undefined)).toHaveLength(stored.length - 2);
    });

    it.each([
      ['a confidence above 1', { proposed: true, confidence: 1.5, reasons: [] }],
      ['a text flag', { proposed: 'yes', confidence: 0.5, reasons: [] }],
      ['reasons that are not a list', { proposed: true, confidence: 0.5, reasons: 'cement' }],
    ])('rejects the vertebra with %s, naming the field, and keeps the others', (_case, bad) => {
      const document = exportedDocument();
      document.studies[0].series[0].vertebrae[0].proposal = bad;
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(value.measurements).toHaveLength(8);
      expect(at(value.rejected, 0).reason).toMatch(/proposal/);
    });
  });

  it('never reads the informative numbers: tampering with them changes nothing', () => {
    const document = exportedDocument();
    document.studies[0].series[0].vertebrae[3].informative = { genantGrade: 0, anteriorHeightMm: 99 };
    const tampered = imported(readMeasurementsJson(JSON.stringify(document)));
    const original = imported(readMeasurementsJson(writeMeasurementsJson(exportFixture())));
    expect(tampered.measurements).toEqual(original.measurements);
  });

  it('ignores fields it does not know, so that later additions stay readable', () => {
    const document = exportedDocument();
    document.comparisons = [{ before: STUDY_BASELINE, after: STUDY_FOLLOW_UP }];
    document.studies[0].series[0].vertebrae[0].note = 'checked';
    const value = imported(readMeasurementsJson(JSON.stringify(document)));
    expect(value.measurements).toHaveLength(9);
    expect(value.measurements[0]).not.toHaveProperty('note');
  });

  it('reads a file saved with a UTF-8 byte-order mark', () => {
    const value = imported(readMeasurementsJson(`\uFEFF${writeMeasurementsJson(exportFixture())}`));
    expect(value.measurements).toHaveLength(9);
  });

  it('leaves the image id null when the caller cannot find the referenced image', () => {
    const value = imported(readMeasurementsJson(writeMeasurementsJson(exportFixture()), { imageIdOf: () => null }));
    expect(value.measurements.every((m) => m.referencedImageId === null)).toBe(true);
    expect(value.measurements.find((m) => m.id === 'ct-L1')?.referencedImage).toEqual({ sopInstanceUID: `${SERIES_CT}.7`, frameNumber: 43 });
  });

  describe('refuses the whole file, with a clear message, when', () => {
    const valid = (): Editable => exportedDocument();
    const withDocument = (edit: (d: Editable) => void): string => {
      const d = valid();
      edit(d);
      return JSON.stringify(d);
    };
    it.each<[string, string, string, RegExp]>([
      ['it is not JSON', '{"format": "vertebral-height-measurements",', 'INVALID_JSON', /not valid JSON/],
      ['it is empty', '', 'INVALID_JSON', /not valid JSON/],
      ['it is a JSON array', '[1, 2]', 'NOT_A_MEASUREMENTS_FILE', /not a vertebral height measurements export/],
      ['it is JSON null', 'null', 'NOT_A_MEASUREMENTS_FILE', /not a vertebral height measurements export/],
      ['its format is another', withDocument((d) => (d.format = 'dicom-sr-json')), 'NOT_A_MEASUREMENTS_FILE', /its format is dicom-sr-json/],
      ['it has no format', withDocument((d) => delete d.format), 'NOT_A_MEASUREMENTS_FILE', /Choose a \.json file exported by this viewer/],
      ['its schema version is newer', withDocument((d) => (d.schemaVersion = 2)), 'UNSUPPORTED_SCHEMA_VERSION', /schema version 2, newer than this viewer reads \(up to 1\)/],
      ['its schema version is missing', withDocument((d) => delete d.schemaVersion), 'UNSUPPORTED_SCHEMA_VERSION', /not a whole number/],
      ['its schema version is text', withDocument((d) => (d.schemaVersion = '1')), 'UNSUPPORTED_SCHEMA_VERSION', /not a whole number/],
      ['its schema version is 0', withDocument((d) => (d.schemaVersion = 0)), 'UNSUPPORTED_SCHEMA_VERSION', /not a whole number of 1 or more/],
      ['its studies are not a list', withDocument((d) => (d.studies = {})), 'INVALID_DOCUMENT', /no list of studies/],
      ['it lists no study', withDocument((d) => (d.studies = [])), 'NO_STUDIES', /lists no study/],
      ['its studies hold no vertebra', withDocument((d) => d.studies.forEach((s: Editable) => s.series.forEach((x: Editable) => (x.vertebrae = [])))), 'NO_MEASUREMENTS', /no measured vertebra/],
    ])('%s', (_case, text, code, message) => {
      const result = readMeasurementsJson(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    });
  });

  describe('rejects one bad vertebra, says where and why, and imports the others', () => {
    /** Vertebra #2 of the baseline CT, T11, is damaged; the eight other vertebrae must come through untouched. */
    const WHERE = `study ${STUDY_BASELINE} / series ${SERIES_CT} / vertebra #2`;
    it.each<[string, (v: Editable) => void, string, RegExp]>([
      ['a coordinate is null', (v) => (v.points.middleSuperior[1] = null), '(T11)', /The middle superior point has a coordinate that is not a finite number/],
      ['a coordinate is text', (v) => (v.points.anteriorInferior[2] = '12.5'), '(T11)', /The anterior inferior point has a coordinate that is not a finite number/],
      ['a coordinate is beyond a kilometre', (v) => (v.points.posteriorSuperior[0] = 2e6), '(T11)', /posterior superior point .* within ±1000000 mm/],
      ['a point is missing', (v) => delete v.points.middleInferior, '(T11)', /The middle inferior point is missing/],
      ['a point has two coordinates', (v) => v.points.anteriorSuperior.pop(), '(T11)', /anterior superior point is missing or does not have three coordinates/],
      ['the points are not an object', (v) => (v.points = 'six points'), '(T11)', /anterior superior point is missing/],
      ['the level is unknown', (v) => (v.level = 'L9'), '(L9)', /"L9" is not a vertebral level that can be graded; use one of C2 … S1/],
      ['the level is missing', (v) => delete v.level, '', /"undefined" is not a vertebral level/],
      ['two points coincide', (v) => (v.points.anteriorInferior = [...v.points.anteriorSuperior]), '(T11)', /anterior superior and anterior inferior points are at the same place/],
      ['the level is already measured in the series', (v) => (v.level = 'T10'), '(T10)', /T10 is measured twice in this series; only the first \(.*vertebra #1 \(T10\)\) was imported/],
      ['the id is used by another vertebra', (v) => (v.id = 'ct-T10'), '(T11)', /id ct-T10 is already used by .*vertebra #1 \(T10\)/],
      ['the id is missing', (v) => delete v.id, '(T11)', /Its id \(undefined\) is not a text/],
      ['the view plane normal is zero', (v) => (v.viewPlaneNormal = [0, 0, 0]), '(T11)', /viewPlaneNormal is not three finite numbers/],
      ['the view up is missing', (v) => delete v.viewUp, '(T11)', /viewUp is not three finite numbers/],
      ['the image reference has frame 0', (v) => (v.referencedImage.frameNumber = 0), '(T11)', /referencedImage is neither null nor/],
      ['the calibration flag is text', (v) => (v.calibrated = 'yes'), '(T11)', /calibrated flag is neither true nor false/],
    ])('when %s', (_case, damage, label, reason) => {
      const document = exportedDocument();
      damage(document.studies[0].series[0].vertebrae[1]);
      const value = imported(readMeasurementsJson(JSON.stringify(document), { imageIdOf }));
      expect(value.rejected).toHaveLength(1);
      expect(at(value.rejected, 0).where).toBe(label ? `${WHERE} ${label}` : WHERE);
      expect(at(value.rejected, 0).reason).toMatch(reason);
      const others = exportFixture().measurements.filter((m) => m.id !== 'ct-T11');
      expect(byId(asStored(value))).toEqual(byId(others));
    });

    it('rejects an entry that is not an object', () => {
      const document = exportedDocument();
      document.studies[0].series[0].vertebrae[1] = 42;
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(value.rejected).toEqual([{ where: WHERE, reason: 'It is 42, not an object with an id, a level and six points.' }]);
      expect(value.measurements).toHaveLength(8);
    });

    it('rejects a coordinate written as 1e999, which JSON reads as Infinity', () => {
      const text = writeMeasurementsJson(exportFixture()).replace('"middleSuperior": [0, 0,', '"middleSuperior": [0, 1e999,');
      const value = imported(readMeasurementsJson(text));
      expect(value.rejected).toHaveLength(1);
      expect(at(value.rejected, 0).reason).toMatch(/middle superior point has a coordinate that is not a finite number .*\(0, Infinity,/);
    });

    it("gives measurement/'s own message as the reason", () => {
      const document = exportedDocument();
      const t11 = document.studies[0].series[0].vertebrae[1];
      t11.points.posteriorInferior = [...t11.points.posteriorSuperior];
      const measured = assessSpine([{ level: 'T11', points: t11.points }]);
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(measured.ok).toBe(false);
      if (!measured.ok) expect(at(value.rejected, 0).reason).toBe(measured.error.message);
    });
  });

  describe('rejects a whole series or study it cannot read, and imports the rest', () => {
    it.each<[string, (s: Editable) => void, RegExp]>([
      ['its calibration flag is missing', (s) => delete s.calibrated, /calibrated flag is neither true nor false\. None of its 6 vertebrae was imported\./],
      ['its frame of reference is a number', (s) => (s.frameOfReferenceUID = 1.2), /frameOfReferenceUID is not a UID/],
      ['its vertebrae are not a list', (s) => (s.vertebrae = {}), /no list of vertebrae/],
    ])('a series when %s', (_case, damage, reason) => {
      const document = exportedDocument();
      damage(document.studies[0].series[0]);
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(value.rejected).toEqual([{ where: `study ${STUDY_BASELINE} / series ${SERIES_CT}`, reason: expect.stringMatching(reason) }]);
      expect(value.measurements.map((m) => m.id).sort()).toEqual(['fu-L1', 'xr-L1', 'xr-T12']);
    });

    it('a study whose series are not a list, naming it by its position when its UID is unreadable', () => {
      const document = exportedDocument();
      document.studies[1] = { studyInstanceUID: 7, series: [] };
      document.studies[0].series = null;
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(value.rejected).toEqual([
        { where: `study ${STUDY_BASELINE}`, reason: 'It has no list of series ("series" is not an array).' },
        { where: 'study #2', reason: 'Its studyInstanceUID is not a UID (text); none of its series was imported.' },
      ]);
      expect(value.measurements).toEqual([]);
    });

    it('names a study or series without a UID as such', () => {
      const document = exportedDocument();
      document.studies[1].studyInstanceUID = '';
      document.studies[1].series[0].vertebrae[0].points.anteriorSuperior = null;
      const value = imported(readMeasurementsJson(JSON.stringify(document)));
      expect(at(value.rejected, 0).where).toBe(`study (no UID) / series ${SERIES_FOLLOW_UP} / vertebra #1 (L1)`);
    });
  });

  describe('with the series open in the viewer given as knownSeries', () => {
    const open = [
      { studyInstanceUID: STUDY_BASELINE, seriesInstanceUID: SERIES_CT, frameOfReferenceUID: FRAME_CT },
      { studyInstanceUID: STUDY_BASELINE, seriesInstanceUID: SERIES_RADIOGRAPH, frameOfReferenceUID: '' },
    ];

    it('imports the vertebrae of open series and rejects those of a series that is not open', () => {
      const value = imported(readMeasurementsJson(writeMeasurementsJson(exportFixture()), { knownSeries: open }));
      expect(value.measurements).toHaveLength(8);
      expect(value.rejected).toEqual([
        {
          where: `study ${STUDY_FOLLOW_UP} / series ${SERIES_FOLLOW_UP}`,
          reason: 'This series is not open in the viewer; open its study, then import again. Its vertebra was not imported.',
        },
      ]);
    });

    it('rejects vertebrae whose frame of reference is not that of the open series', () => {
      const knownSeries = [{ ...at(open, 0), frameOfReferenceUID: '1.2.3.999' }, at(open, 1)];
      const value = imported(readMeasurementsJson(writeMeasurementsJson(exportFixture()), { knownSeries }));
      const frameRejections = value.rejected.filter((r) => /frame of reference/.test(r.reason));
      expect(frameRejections).toHaveLength(6);
      expect(at(frameRejections, 0).reason).toBe(
        `Its frame of reference (${FRAME_CT}) is not that of the open series (1.2.3.999), so its points would not lie on these images.`,
      );
      expect(value.measurements.map((m) => m.id).sort()).toEqual(['xr-L1', 'xr-T12']);
    });
  });

  it('is the format constant the file carries', () => {
    expect(exportedDocument().format).toBe(MEASUREMENTS_FORMAT);
  });
});

describe('import limits', () => {
  /** A 64-character UID (the DICOM maximum), so the file is as long as real exports get. */
  const longUid = (n: number): string => `1.2.826.0.1.3680043.8.498.${String(n).padStart(37, '7')}`;

  /** `seriesCount` series of one study, each with every measurable level C2–S1, written as this viewer writes them. */
  function fullSpinesExport(seriesCount: number): string {
    const studyUid = longUid(0);
    const series = Array.from({ length: seriesCount }, (_, i) => ({ key: longUid(i + 1), seriesInstanceUID: longUid(i + 1) }));
    const measurements = series.flatMap((s) =>
      SPINAL_LEVELS.map((level, i) =>
        vertebra(level, baselineSpine[i % baselineSpine.length]!.points, { id: `${s.key}-${level}`, studyKey: studyUid, seriesKey: s.key, frameOfReferenceUID: longUid(999) }),
      ),
    );
    return writeMeasurementsJson({ ...exportFixture(), studies: [{ key: studyUid, studyInstanceUID: studyUid, studyDate: '20240305', series }], measurements });
  }

  it(`reads a file at the limits, ${MAX_VERTEBRAE_PER_FILE} vertebrae on ${MAX_SERIES_PER_FILE} series, whole; it is well under ${MAX_MEASUREMENTS_FILE_BYTES} bytes`, () => {
    const text = fullSpinesExport(MAX_SERIES_PER_FILE);
    const value = imported(readMeasurementsJson(text));
    expect(value.measurements).toHaveLength(MAX_VERTEBRAE_PER_FILE);
    expect(value.rejected).toEqual([]);
    expect(new TextEncoder().encode(text).length).toBeLessThan(MAX_MEASUREMENTS_FILE_BYTES / 2);
  });

  const refused = (text: string) => {
    const result = readMeasurementsJson(text);
    if (result.ok) throw new Error('expected the file to be refused');
    return result.error;
  };
  const withSeries = (series: unknown[]): string => {
    const document = exportedDocument();
    document.studies = [{ ...document.studies[0], series }];
    return JSON.stringify(document);
  };
  const exported = exportedDocument();
  const oneSeries = exported.studies[0].series[0];

  it.each<[string, () => string, string, RegExp]>([
    ['100,000 vertebrae in one series', () => withSeries([{ ...oneSeries, vertebrae: Array.from({ length: 100_000 }, () => ({})) }]), 'TOO_MANY_VERTEBRAE', /lists 100,000 vertebrae; a measurements file holds at most 480 \(the 24 levels C2–S1 on 20 series\)/],
    ['one vertebra more than the limit', () => withSeries(Array.from({ length: MAX_SERIES_PER_FILE }, (_, i) => ({ ...oneSeries, vertebrae: Array.from({ length: i === 0 ? 25 : 24 }, () => ({})) }))), 'TOO_MANY_VERTEBRAE', /lists 481 vertebrae/],
    ['one series more than the limit', () => withSeries(Array.from({ length: MAX_SERIES_PER_FILE + 1 }, () => ({ ...oneSeries }))), 'TOO_MANY_SERIES', /1 studies with 21 series; a measurements file holds at most 20 series/],
    ['100,000 empty studies', () => JSON.stringify({ ...exported, studies: Array.from({ length: 100_000 }, () => ({})) }), 'TOO_MANY_SERIES', /lists 100,000 studies/],
    ['a valid file padded past the size limit', () => `${JSON.stringify(exported)}${' '.repeat(MAX_MEASUREMENTS_FILE_BYTES)}`, 'FILE_TOO_LARGE', /The file is 5\.0 MB; a measurements file is at most 5\.0 MB/],
  ])('refuses %s whole, as an error naming the limit', (_case, text, code, message) => {
    const error = refused(text());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/not an export of this viewer, or it is damaged/);
  });

  it.each([
    [0, false],
    [MAX_MEASUREMENTS_FILE_BYTES, false],
    [MAX_MEASUREMENTS_FILE_BYTES + 1, true],
    [1e9, true],
  ])('judges a file of %i bytes too large: %s', (bytes, tooLarge) => {
    expect(measurementsFileSizeProblem(bytes) !== null).toBe(tooLarge);
  });
});
