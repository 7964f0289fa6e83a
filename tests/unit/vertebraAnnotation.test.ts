import { describe, expect, it } from 'vitest';
import { HEIGHT_POINT_PAIRS, heightsFromPoints, type PointName, type SixPoints, type Vec3 } from '../../measurement';
import { lateralVertebra } from '../../measurement/testing/fixtures';
import { expectOk } from '../../measurement/testing/results';
import '../../measurement/testing/matchers';
import { groupInstances, type SeriesGroup } from '../../viewer/loading/grouping';
import { withDisplayedPlane } from '../../viewer/model/displayedPlane';
import { measurementFromReportedVertebra } from '../../viewer/model/reportedVertebra';
import {
  annotationFromMeasurement,
  annotationShows,
  DEFAULT_VIEW_PLANE_NORMAL,
  DEFAULT_VIEW_UP,
  ENDPLATE_HANDLE_PAIRS,
  fromSixPoints,
  HEIGHT_HANDLE_PAIRS,
  measurementFromAnnotation,
  PLACEMENT_ORDER,
  toSixPoints,
  type HandlePoint,
  type VertebraAnnotationView,
} from '../../viewer/model/vertebraAnnotation';
import { sagittalSeries } from '../helpers/sagittalSeries';

/** A wedge L1 (Ha 18, Hm 22, Hp 27 mm) on the sagittal plane x = 12, tilted 5°: no coordinate is a round number. */
const wedgeL1 = lateralVertebra({ anteriorMm: 18, middleMm: 22, posteriorMm: 27, tiltDeg: 5, originMm: [12, 40.25, -71.5] });

const PLACEMENT = { studyKey: 'study-1', seriesKey: 'series-1', calibrated: true } as const;

/** The annotation the height tool leaves after six clicks on wedgeL1, on a sagittal view. */
function completedAnnotation(overrides: Partial<VertebraAnnotationView> = {}): VertebraAnnotationView {
  return {
    annotationUID: 'uid-L1',
    metadata: { FrameOfReferenceUID: '1.2.3.9', viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: 'dicomfile:12' },
    data: { handles: { points: fromSixPoints(wedgeL1) }, level: 'L1' },
    ...overrides,
  };
}

function sagittalSeriesGroup(): SeriesGroup {
  const series = groupInstances(sagittalSeries({ studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4' }))[0]?.studies[0]?.series[0];
  if (series === undefined) expect.fail('the sagittal fixture did not group into one series');
  return series;
}

describe('the handle order of the height tool', () => {
  it('is the click order: each height superior then inferior, anterior → middle → posterior', () => {
    expect(PLACEMENT_ORDER).toEqual(['anteriorSuperior', 'anteriorInferior', 'middleSuperior', 'middleInferior', 'posteriorSuperior', 'posteriorInferior']);
  });

  it.each(HEIGHT_POINT_PAIRS.map((pair, i) => [pair.key, i, pair.superior, pair.inferior] as const))(
    'draws %s between the handles of its superior and inferior points (pair %i)',
    (_key, i, superior, inferior) => {
      const pair = HEIGHT_HANDLE_PAIRS[i];
      expect(pair && [PLACEMENT_ORDER[pair[0]], PLACEMENT_ORDER[pair[1]]]).toEqual([superior, inferior]);
    },
  );

  it.each<[number, PointName, PointName]>([
    [0, 'anteriorSuperior', 'middleSuperior'],
    [1, 'middleSuperior', 'posteriorSuperior'],
    [2, 'anteriorInferior', 'middleInferior'],
    [3, 'middleInferior', 'posteriorInferior'],
  ])('draws endplate segment %i from the %s to the %s point', (i, from, to) => {
    const pair = ENDPLATE_HANDLE_PAIRS[i];
    expect(pair && [PLACEMENT_ORDER[pair[0]], PLACEMENT_ORDER[pair[1]]]).toEqual([from, to]);
  });

  it('has four endplate segments, the ones the tool drew before they were derived: [0,2] [2,4] [1,3] [3,5]', () => {
    expect(ENDPLATE_HANDLE_PAIRS).toEqual([[0, 2], [2, 4], [1, 3], [3, 5]]);
  });
});

describe('toSixPoints and fromSixPoints', () => {
  it('round-trip the six points exactly', () => {
    expect(toSixPoints(fromSixPoints(wedgeL1))).toEqual(wedgeL1);
  });

  it('copy: moving a handle afterwards does not move the named point, nor the other way round', () => {
    const handles = fromSixPoints(wedgeL1);
    const named = toSixPoints(handles);
    const first = handles[0];
    if (first === undefined) expect.fail('no first handle');
    first[0] = 999;
    expect(named.anteriorSuperior[0]).toBe(wedgeL1.anteriorSuperior[0]);
    expect(fromSixPoints(named)[0]).not.toBe(named.anteriorSuperior);
  });

  it.each([0, 1, 5, 7])('refuse %i handles (a programmer\'s mistake: only a completed vertebra is named)', (count) => {
    const handles: Vec3[] = Array.from({ length: count }, (_, i) => [i, 0, 0]);
    expect(() => toSixPoints(handles)).toThrow(`toSixPoints needs 6 points, got ${count}`);
  });
});

describe('measurementFromAnnotation', () => {
  it('takes the id, level, points, view, frame and image of a completed annotation, and the store\'s keys', () => {
    const measurement = measurementFromAnnotation(completedAnnotation(), PLACEMENT);
    expect(measurement).toEqual({
      id: 'uid-L1', studyKey: 'study-1', seriesKey: 'series-1', frameOfReferenceUID: '1.2.3.9', level: 'L1',
      points: wedgeL1, calibrated: true, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId: 'dicomfile:12',
    });
  });

  it('measures the same heights as measurement/ does from the points placed', () => {
    const measurement = measurementFromAnnotation(completedAnnotation(), PLACEMENT);
    if (measurement === null) expect.fail('no measurement');
    const heights = expectOk(heightsFromPoints(measurement.points));
    expect(heights.anteriorMm).toBeCloseToMm(18, 1e-9);
    expect(heights.middleMm).toBeCloseToMm(22, 1e-9);
    expect(heights.posteriorMm).toBeCloseToMm(27, 1e-9);
  });

  it.each<[string, Partial<VertebraAnnotationView>]>([
    ['five points (a vertebra still being placed)', { data: { handles: { points: fromSixPoints(wedgeL1).slice(0, 5) }, level: 'L1' } }],
    ['no point', { data: { handles: { points: [] }, level: 'L1' } }],
    ['no annotation UID', { annotationUID: undefined }],
  ])('gives nothing for an annotation with %s', (_case, overrides) => {
    expect(measurementFromAnnotation(completedAnnotation(overrides), PLACEMENT)).toBeNull();
  });

  it('assumes the axial view directions, no frame and no image when the annotation has no metadata', () => {
    const measurement = measurementFromAnnotation(completedAnnotation({ metadata: undefined }), { ...PLACEMENT, calibrated: false });
    expect(measurement).toMatchObject({
      frameOfReferenceUID: '', viewPlaneNormal: DEFAULT_VIEW_PLANE_NORMAL, viewUp: DEFAULT_VIEW_UP, referencedImageId: null, calibrated: false,
    });
  });
});

describe('annotationFromMeasurement', () => {
  const measurement = measurementFromAnnotation(completedAnnotation(), PLACEMENT);
  if (measurement === null) throw new Error('fixture: no measurement');

  it('gives back an annotation that maps to the same measurement (the bridge\'s round trip)', () => {
    const annotation = annotationFromMeasurement(measurement, 'VertebralHeight');
    expect(measurementFromAnnotation(annotation, PLACEMENT)).toEqual(measurement);
  });

  it('is a visible, unlocked annotation of the tool, on the vertebra\'s series, ready to draw', () => {
    const annotation = annotationFromMeasurement(measurement, 'VertebralHeight');
    expect(annotation).toMatchObject({
      annotationUID: 'uid-L1', highlighted: false, invalidated: true, isLocked: false, isVisible: true,
      metadata: { toolName: 'VertebralHeight', FrameOfReferenceUID: '1.2.3.9', referencedImageId: 'dicomfile:12' },
      data: { level: 'L1', seriesKey: 'series-1', handles: { activeHandleIndex: null } },
    });
  });

  it('leaves referencedImageId out for a vertebra on a volume (no single image)', () => {
    const annotation = annotationFromMeasurement({ ...measurement, referencedImageId: null }, 'VertebralHeight');
    expect('referencedImageId' in annotation.metadata).toBe(false);
  });

  it('hands cornerstone copies: moving its handles in place leaves the store\'s vertebra as it was', () => {
    const annotation = annotationFromMeasurement(measurement, 'VertebralHeight');
    const handle: HandlePoint | undefined = annotation.data.handles.points[0];
    if (handle === undefined) expect.fail('no handle');
    handle[2] += 5;
    annotation.metadata.viewUp[0] = 1;
    expect(measurement.points.anteriorSuperior).toEqual(wedgeL1.anteriorSuperior);
    expect(measurement.viewUp).toEqual([0, 0, 1]);
  });
});

describe('annotationShows', () => {
  const measurement = { level: 'L1', points: wedgeL1 } as const;
  const moved = (name: PointName, dz: number): SixPoints => ({ ...wedgeL1, [name]: [wedgeL1[name][0], wedgeL1[name][1], wedgeL1[name][2] + dz] });

  it.each<[string, VertebraAnnotationView, boolean]>([
    ['the same points and level', completedAnnotation(), true],
    ['another level', completedAnnotation({ data: { handles: { points: fromSixPoints(wedgeL1) }, level: 'T12' } }), false],
    ['one point 0.001 mm away', completedAnnotation({ data: { handles: { points: fromSixPoints(moved('posteriorInferior', 0.001)) }, level: 'L1' } }), false],
    ['the points in another order', completedAnnotation({ data: { handles: { points: [...fromSixPoints(wedgeL1)].reverse() }, level: 'L1' } }), false],
    ['five of the six points', completedAnnotation({ data: { handles: { points: fromSixPoints(wedgeL1).slice(0, 5) }, level: 'L1' } }), false],
  ])('is %s → %s', (_case, annotation, shows) => {
    expect(annotationShows(annotation, measurement)).toBe(shows);
  });
});

describe('measurementFromReportedVertebra (a vertebra read from an SR: points, no camera)', () => {
  it('takes the view from the plane of its points: the sagittal normal ±x, up towards the superior endplate', () => {
    const seen: Vec3[] = [];
    const measurement = measurementFromReportedVertebra({ level: 'L1', points: lateralVertebra({ anteriorMm: 26, middleMm: 25, posteriorMm: 27, originMm: [12, 40, -70] }) }, {
      id: 'sr-L1', studyKey: 's', seriesKey: 'x', frameOfReferenceUID: 'F', calibrated: true,
      imageIdOf: (_points, normal) => {
        seen.push(normal);
        return 'dicomfile:12';
      },
    });
    expect(Math.abs(measurement.viewPlaneNormal[0])).toBe(1);
    expect([measurement.viewPlaneNormal[1], measurement.viewPlaneNormal[2]]).toEqual([0, 0]);
    expect(measurement.viewUp[2]).toBeCloseTo(1, 12);
    expect(seen).toEqual([measurement.viewPlaneNormal]);
    expect(measurement.referencedImageId).toBe('dicomfile:12');
  });

  it.each<[string, boolean]>([['with', true], ['without', false]])('keeps the reader\'s reading only when the report has one (%s)', (_case, withReading) => {
    const reading = { grade: 2, endplateDepression: true, note: 'checked' } as const;
    const measurement = measurementFromReportedVertebra(
      { level: 'L1', points: wedgeL1, ...(withReading ? { reading } : {}) },
      { id: 'sr-L1', studyKey: 's', seriesKey: 'x', frameOfReferenceUID: 'F', calibrated: true, imageIdOf: () => null },
    );
    expect(measurement.reading).toEqual(withReading ? reading : undefined);
    expect('reading' in measurement).toBe(withReading);
  });
});

describe('withDisplayedPlane', () => {
  const vertebra = { viewPlaneNormal: [1, 0, 0] as Vec3, viewUp: [0, 0, 1] as Vec3 };

  it('adds the sagittal view\'s plane of a 1 mm sagittal series: 1 mm pixels, 1 mm slices', () => {
    const placed = withDisplayedPlane(vertebra, sagittalSeriesGroup());
    expect('plane' in placed && placed.plane).toMatchObject({ horizontalPixelMm: 1, verticalPixelMm: 1, sliceSpacingMm: 1 });
  });

  it.each<[string, SeriesGroup | null, Vec3]>([
    ['the series is not open', null, [0, 0, 1]],
    ['the view up is parallel to the normal (degenerate)', sagittalSeriesGroup(), [1, 0, 0]],
  ])('leaves the vertebra as it is when %s', (_case, series, viewUp) => {
    const input = { ...vertebra, viewUp };
    expect(withDisplayedPlane(input, series)).toBe(input);
  });
});
