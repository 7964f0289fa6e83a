import { describe, expect, it } from 'vitest';
import type { LoadedInstance } from '../../viewer/loading/grouping';
import type { InstanceMeta, Orientation6 } from '../../viewer/loading/instanceMeta';
import type { ForeignAnnotation, ForeignGraphic } from '../../viewer/model/foreignAnnotation';
import { imagePointToPatientMm, placeForeignAnnotation } from '../../viewer/model/foreignPlacement';

type V3 = [number, number, number];
const AXIAL: Orientation6 = [1, 0, 0, 0, 1, 0];
const SAGITTAL: Orientation6 = [0, 1, 0, 0, 0, -1];

/** One single-frame image of an axial CT (series 1.2.3.4, frame of reference 1.2.3.9), 0.5 × 0.8 mm pixels. */
function image(sopInstanceUID: string, positionMm: V3, orientation: Orientation6 = AXIAL, overrides: Partial<InstanceMeta> = {}): LoadedInstance {
  const meta = {
    fileName: `${sopInstanceUID}.dcm`, sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID, transferSyntaxUID: '1.2.840.10008.1.2.1', kind: 'image',
    patientName: 'P', patientId: 'P', patientBirthDate: '', patientSex: '', studyId: '', referringPhysicianName: '', studyInstanceUID: '1.2.3',
    studyDate: '', studyTime: '', studyDescription: '', accessionNumber: '', seriesInstanceUID: '1.2.3.4', seriesNumber: 1, seriesDescription: '',
    modality: 'CT', instanceNumber: 1, frameOfReferenceUID: '1.2.3.9', rows: 64, columns: 64, numberOfFrames: 1,
    frames: [{ positionMm, orientation }], pixelSpacingMm: [0.8, 0.5], imagerPixelSpacingMm: null, calibration: 'calibrated',
    sliceThicknessMm: 2, windowCenter: null, windowWidth: null, photometricInterpretation: 'MONOCHROME2', hasPixelData: true,
    ...overrides,
  } satisfies InstanceMeta;
  return { meta, imageIds: [`dicomfile:${sopInstanceUID}`] };
}

const axialStack = [image('1.1', [-10, -20, 100]), image('1.2', [-10, -20, 102]), image('1.3', [-10, -20, 104])];

function annotation(...graphics: ForeignGraphic[]): ForeignAnnotation {
  return { kind: 'length', label: 'aorta', value: 42.5, unit: 'mm', values: [{ name: 'Length', value: 42.5, unit: 'mm' }], graphics, trackingIdentifier: '', trackingUid: '' };
}
const onImage = (uid: string, pointsPx: Array<readonly [number, number]>, frame: number | null = null): ForeignGraphic =>
  ({ space: 'image', graphicType: 'POLYLINE', referencedSopInstanceUID: uid, referencedFrameNumber: frame, pointsPx });
const inWorld = (pointsMm: V3[], frameOfReferenceUID = '1.2.3.9'): ForeignGraphic => ({ space: 'world', graphicType: 'POLYLINE', frameOfReferenceUID, pointsMm });

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 9));
}

describe('imagePointToPatientMm', () => {
  const plane = { positionMm: [-10, -20, 100] as V3, orientation: AXIAL, spacingMm: [0.8, 0.5] as const };
  it.each<[string, [number, number], V3]>([
    ['the centre of the top-left pixel at Image Position (Patient)', [0.5, 0.5], [-10, -20, 100]],
    ['the top-left corner of the image half a pixel before it', [0, 0], [-10.25, -20.4, 100]],
    ['one column right along the row direction by the column spacing', [1.5, 0.5], [-9.5, -20, 100]],
    ['one row down along the column direction by the row spacing', [0.5, 1.5], [-10, -19.2, 100]],
  ])('puts %s', (_name, pointPx, expected) => {
    expectClose(imagePointToPatientMm(pointPx, plane), expected);
  });

  it('follows the image orientation of a sagittal image', () => {
    expectClose(imagePointToPatientMm([2.5, 3.5], { positionMm: [5, 0, 0], orientation: SAGITTAL, spacingMm: [1, 1] }), [5, 2, -3]);
  });
});

describe('placeForeignAnnotation', () => {
  it('puts a 2-D line on the open image it references, seen in that image plane', () => {
    const result = placeForeignAnnotation(annotation(onImage('1.2', [[0.5, 0.5], [20.5, 10.5]])), axialStack);
    expect(result.placed).toBe(true);
    if (!result.placed) return;
    const { placement } = result;
    expect(placement.seriesInstanceUID).toBe('1.2.3.4');
    expect(placement.frameOfReferenceUID).toBe('1.2.3.9');
    expect(placement.referencedImageId).toBe('dicomfile:1.2');
    expect(placement.isLine).toBe(true);
    expectClose(placement.viewPlaneNormal, [0, 0, 1]);
    expectClose(placement.shapesMm[0]?.[0] ?? [], [-10, -20, 102]);
    expectClose(placement.shapesMm[0]?.[1] ?? [], [0, -12, 102]);
  });

  it('uses the referenced frame of a multi-frame image', () => {
    const multi = image('2.1', [0, 0, 0], AXIAL, { numberOfFrames: 2, frames: [{ positionMm: [0, 0, 0], orientation: AXIAL }, { positionMm: [0, 0, 3], orientation: AXIAL }] });
    const twoFrames = { ...multi, imageIds: ['multi:1', 'multi:2'] };
    const result = placeForeignAnnotation(annotation(onImage('2.1', [[0.5, 0.5], [1.5, 0.5]], 2)), [twoFrames]);
    expect(result.placed && result.placement.referencedImageId).toBe('multi:2');
    expect(result.placed && result.placement.shapesMm[0]?.[0]?.[2]).toBe(3);
  });

  it('gives the plane of an angle from its three points, not from an axis', () => {
    const result = placeForeignAnnotation(annotation(inWorld([[0, 0, 102], [10, 0, 102], [10, 5, 102]])), axialStack);
    expect(result.placed).toBe(true);
    if (!result.placed) return;
    expect(result.placement.isLine).toBe(false);
    expectClose(result.placement.viewPlaneNormal.map(Math.abs), [0, 0, 1]);
    expect(result.placement.referencedImageId).toBe('dicomfile:1.2');
  });

  it.each<[string, V3[], V3]>([
    ['a cranio-caudal line at one x in the sagittal plane', [[3, 10, 90], [3, 14, 120]], [1, 0, 0]],
    ['a left-right line at one z in the axial plane', [[0, 5, 102], [30, 9, 102]], [0, 0, 1]],
    ['a left-right line at one y and z in the axial plane before the coronal one', [[0, 5, 102], [30, 5, 102]], [0, 0, 1]],
  ])('shows %s', (_name, points, normal) => {
    const result = placeForeignAnnotation(annotation(inWorld(points)), axialStack);
    expect(result.placed && result.placement.isLine).toBe(true);
    if (!result.placed) return;
    expectClose(result.placement.viewPlaneNormal, normal);
  });

  it('holds an oblique line in a plane through it', () => {
    const result = placeForeignAnnotation(annotation(inWorld([[0, 0, 0], [10, 10, 10]])), axialStack);
    if (!result.placed) throw new Error('not placed');
    const n = result.placement.viewPlaneNormal;
    expect(Math.hypot(...n)).toBeCloseTo(1, 9);
    expect(n[0] * 10 + n[1] * 10 + n[2] * 10).toBeCloseTo(0, 9);
  });

  it('draws 3-D points on the preferred open series of their frame of reference, on no single image when between slices', () => {
    const other = image('9.1', [0, 0, 101], AXIAL, { seriesInstanceUID: '1.2.3.5' });
    const result = placeForeignAnnotation(annotation(inWorld([[0, 0, 101], [0, 0, 130]])), [...axialStack, other], '1.2.3.5');
    expect(result.placed && result.placement.seriesInstanceUID).toBe('1.2.3.5');
    const across = placeForeignAnnotation(annotation(inWorld([[0, 0, 101], [0, 0, 130]])), axialStack);
    expect(across.placed && across.placement.referencedImageId).toBeNull();
  });

  it.each<[string, ForeignAnnotation, string]>([
    ['a shape on an image that is not open', annotation(onImage('7.7', [[1, 1], [2, 2]])), 'the image it was drawn on is not open'],
    ['3-D points of another frame of reference', annotation(inWorld([[0, 0, 0], [1, 1, 1]], '5.5.5')), 'no open series shares its frame of reference'],
    ['3-D points that name no frame of reference', annotation(inWorld([[0, 0, 0], [1, 1, 1]], '')), 'its 3-D points name no frame of reference'],
    ['a value without a drawing', annotation(), 'it has no drawing'],
  ])('does not place %s, and says why', (_name, foreign, reason) => {
    expect(placeForeignAnnotation(foreign, axialStack)).toEqual({ placed: false, reason });
  });
});
