import { lateralVertebra, type LateralVertebraSpec } from '../../measurement/testing/fixtures';
import type { SpinalLevel, Vec3 } from '../../measurement';
import type { LoadedInstance } from '../../viewer/loading/grouping';
import type { VertebraMeasurement } from '../../viewer/model/measurements';
import { testInstanceMeta } from './instanceMeta';

/**
 * A small calibrated sagittal CT series for tests of the viewer's actions: `sliceCount` slices 1 mm apart along x
 * (slice i at x = i mm), each 128 × 128 pixels of 1 mm, rows along +y (anterior → posterior), columns along −z
 * (cranial → caudal), so a vertebra drawn by lateralVertebra at x = 10 lies on slice 10.
 */
export interface SagittalSeriesSpec {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID?: string;
  readonly studyDate?: string;
  readonly sliceCount?: number;
  /** Image ids are `${imageIdPrefix}:${i}`; the prefix tells sessions apart (dicomfile:N in the app). */
  readonly imageIdPrefix?: string;
}

/** The slices of one sagittal series, as the loader hands them to the store. */
export function sagittalSeries(spec: SagittalSeriesSpec): LoadedInstance[] {
  const count = spec.sliceCount ?? 20;
  return Array.from({ length: count }, (_, i) => ({
    meta: testInstanceMeta({
      fileName: `${spec.seriesInstanceUID}-${i}.dcm`,
      sopInstanceUID: `${spec.seriesInstanceUID}.${i + 1}`,
      studyInstanceUID: spec.studyInstanceUID,
      seriesInstanceUID: spec.seriesInstanceUID,
      frameOfReferenceUID: spec.frameOfReferenceUID ?? `${spec.studyInstanceUID}.9`,
      studyDate: spec.studyDate ?? '20260915',
      instanceNumber: i + 1,
      rows: 128,
      columns: 128,
      frames: [{ positionMm: [i, 0, 0], orientation: [0, 1, 0, 0, 0, -1] }],
    }),
    imageIds: [`${spec.imageIdPrefix ?? 'dicomfile'}:${spec.seriesInstanceUID}:${i}`],
  }));
}

/** Where the n-th vertebra from the top sits on slice `slice`: 30 mm apart, inside the 128 mm field of view. */
export function vertebraOrigin(n: number, slice = 10): Vec3 {
  return [slice, 64, -40 - 30 * n];
}

/** Heights of a normal lumbar body, mm (within the ranges of the phantom's normal levels). */
export const NORMAL_BODY: LateralVertebraSpec = { anteriorMm: 26, middleMm: 25, posteriorMm: 27 };

/** A vertebra as the store holds it, placed on the sagittal view (normal +x, up +z) of the given series. */
export function placedVertebra(
  id: string,
  level: SpinalLevel,
  where: { readonly studyKey: string; readonly seriesKey: string; readonly frameOfReferenceUID: string; readonly originMm: Vec3 },
  body: LateralVertebraSpec = NORMAL_BODY,
): VertebraMeasurement {
  return {
    id,
    studyKey: where.studyKey,
    seriesKey: where.seriesKey,
    frameOfReferenceUID: where.frameOfReferenceUID,
    level,
    points: lateralVertebra({ ...body, originMm: where.originMm }),
    calibrated: true,
    viewPlaneNormal: [1, 0, 0],
    viewUp: [0, 0, 1],
    referencedImageId: null,
  };
}
