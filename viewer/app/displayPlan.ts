import { slicePlanesOf, type SeriesGroup } from '../loading/grouping';
import { analyzeStack, type StackGeometry } from '../loading/stackGeometry';

export type ViewportOrientation = 'axial' | 'sagittal' | 'coronal' | 'acquisition';

export interface ViewportSpec {
  viewportId: string;
  orientation: ViewportOrientation;
  kind: 'volume' | 'stack';
}

/** How a series is shown: three linked reformats of a regular axial volume, or one stack in its acquisition plane. */
export interface DisplayPlan {
  seriesKey: string;
  mode: 'mpr' | 'stack';
  viewports: ViewportSpec[];
  /** Image ids in display order: along the slice normal. */
  imageIds: string[];
  geometry: StackGeometry;
  /** False when no image of the series has PixelSpacing: lengths are then pixels, never mm. */
  calibrated: boolean;
  notes: string[];
}

/** Decides the layout of a series from its geometry; sagittal first, since that is where vertebrae are measured. */
export function planDisplay(series: SeriesGroup): DisplayPlan {
  const images = series.instances.filter((i) => i.meta.kind === 'image');
  const geometry = analyzeStack(slicePlanesOf({ ...series, instances: images }));
  const calibrated = images.length > 0 && images.every((i) => i.meta.calibration === 'calibrated');
  const notes = [...geometry.notes];
  if (!calibrated) {
    notes.push(images.some((i) => i.meta.calibration === 'detector')
      ? 'uncalibrated: spacing is known only at the detector (ImagerPixelSpacing), so lengths are in pixels and nothing is graded'
      : 'uncalibrated: no pixel spacing, so lengths are in pixels and nothing is graded');
  }
  const idPrefix = `vp-${series.key.replace(/[^A-Za-z0-9]/g, '').slice(-12)}`;
  if (geometry.volumeCompatible && geometry.plane === 'axial' && calibrated) {
    return {
      seriesKey: series.key,
      mode: 'mpr',
      viewports: (['sagittal', 'axial', 'coronal'] as const).map((orientation) => ({
        viewportId: `${idPrefix}-${orientation}`,
        orientation,
        kind: 'volume',
      })),
      imageIds: geometry.imageIds,
      geometry,
      calibrated,
      notes,
    };
  }
  const plane = geometry.plane;
  const orientation: ViewportOrientation = plane === 'axial' || plane === 'sagittal' || plane === 'coronal' ? plane : 'acquisition';
  if (geometry.volumeCompatible && plane !== 'axial') {
    notes.push(`a natively ${plane} series: shown as a ${plane} stack`);
  }
  return {
    seriesKey: series.key,
    mode: 'stack',
    viewports: [{ viewportId: `${idPrefix}-stack`, orientation, kind: 'stack' }],
    imageIds: geometry.imageIds,
    geometry,
    calibrated,
    notes,
  };
}
