import { HEIGHT_POINT_PAIRS, type PointName, type SixPoints, type SpinalLevel, type Vec3 } from '../../measurement';
import type { VertebraMeasurement } from './measurements';

/**
 * The one mapper between the height tool's annotation (the plain data cornerstone stores) and the viewer's
 * VertebraMeasurement, both directions, and the one order of the annotation's six handles. Which two points make each
 * height is measurement/'s HEIGHT_POINT_PAIRS; everything here is derived from it. No cornerstone import: the types
 * below are the shape cornerstone's annotation has, so cornerstone's objects fit them as they are.
 */

/** A point as cornerstone stores it (its Point3): x, y, z in patient mm, a mutable copy (handles move in place). */
export type HandlePoint = [number, number, number];

/** The click order of the six-point method, which is also the order of the annotation's handles: each height's superior point, then its inferior point, front to back. */
export const PLACEMENT_ORDER: readonly PointName[] = HEIGHT_POINT_PAIRS.flatMap(({ superior, inferior }) => [superior, inferior]);

function handleIndex(name: PointName): number {
  return PLACEMENT_ORDER.indexOf(name);
}

/** Each height as a pair of handle indices (superior, inferior), anterior → middle → posterior: how the tool draws them. */
export const HEIGHT_HANDLE_PAIRS: ReadonlyArray<readonly [number, number]> = HEIGHT_POINT_PAIRS.map(
  ({ superior, inferior }) => [handleIndex(superior), handleIndex(inferior)] as const,
);

/**
 * The endplates as segments between handle indices, from one wall to the next: the superior endplate (anterior →
 * middle → posterior superior points), then the inferior one.
 */
export const ENDPLATE_HANDLE_PAIRS: ReadonlyArray<readonly [number, number]> = (['superior', 'inferior'] as const).flatMap((end) =>
  HEIGHT_POINT_PAIRS.flatMap((wall, i) => {
    const next = HEIGHT_POINT_PAIRS[i + 1];
    return next === undefined ? [] : [[handleIndex(wall[end]), handleIndex(next[end])] as const];
  }),
);

/** The six handles (placement order) as named points, copied; throws for another count of points (a programmer's mistake). */
export function toSixPoints(handles: readonly Vec3[]): SixPoints {
  const at = (name: PointName): Vec3 => {
    const point = handles[handleIndex(name)];
    if (point === undefined || handles.length !== PLACEMENT_ORDER.length) {
      throw new Error(`toSixPoints needs ${PLACEMENT_ORDER.length} points, got ${handles.length}`);
    }
    return copyPoint(point);
  };
  return {
    anteriorSuperior: at('anteriorSuperior'),
    anteriorInferior: at('anteriorInferior'),
    middleSuperior: at('middleSuperior'),
    middleInferior: at('middleInferior'),
    posteriorSuperior: at('posteriorSuperior'),
    posteriorInferior: at('posteriorInferior'),
  };
}

/** The named points back as the annotation's handles (placement order), each a new mutable copy. */
export function fromSixPoints(points: SixPoints): HandlePoint[] {
  return PLACEMENT_ORDER.map((name) => copyPoint(points[name]));
}

function copyPoint(p: Vec3): HandlePoint {
  return [p[0], p[1], p[2]];
}

/** What the mapper reads of a vertebra annotation; cornerstone's annotation with the height tool's data fits it. */
export type VertebraAnnotationView = {
  readonly annotationUID?: string | undefined;
  readonly metadata?: {
    readonly FrameOfReferenceUID?: string | undefined;
    readonly viewPlaneNormal?: Vec3 | undefined;
    readonly viewUp?: Vec3 | undefined;
    readonly referencedImageId?: string | undefined;
  } | undefined;
  readonly data: {
    readonly handles: { readonly points: readonly Vec3[] };
    readonly level: SpinalLevel;
  };
};

/** A vertebra annotation as cornerstone stores it, as plain data: what annotationFromMeasurement builds. */
export type VertebraAnnotationData = {
  annotationUID: string;
  highlighted: boolean;
  invalidated: boolean;
  isLocked: boolean;
  isVisible: boolean;
  metadata: {
    toolName: string;
    FrameOfReferenceUID: string;
    viewPlaneNormal: HandlePoint;
    viewUp: HandlePoint;
    referencedImageId?: string;
  };
  data: {
    handles: { points: HandlePoint[]; activeHandleIndex: number | null };
    level: SpinalLevel;
    /** The series the vertebra was placed on (a compare view shows two). */
    seriesKey: string;
  };
};

/** The view direction assumed when an annotation has none (looking along z, head up), unit vectors in LPS. */
export const DEFAULT_VIEW_PLANE_NORMAL: Vec3 = [0, 0, 1];
export const DEFAULT_VIEW_UP: Vec3 = [0, -1, 0];

/** What an annotation does not know about itself: where the store keeps it and whether its image is calibrated. */
export interface AnnotationPlacement {
  readonly studyKey: string;
  readonly seriesKey: string;
  readonly calibrated: boolean;
}

/**
 * The vertebra a completed annotation holds (six handles and an id), its points and view directions copied; null while
 * it has fewer than six points or no id. The displayed plane is not set here (withDisplayedPlane adds it).
 */
export function measurementFromAnnotation(annotation: VertebraAnnotationView, placement: AnnotationPlacement): VertebraMeasurement | null {
  const { annotationUID, metadata } = annotation;
  if (annotationUID === undefined || annotation.data.handles.points.length !== PLACEMENT_ORDER.length) return null;
  return {
    id: annotationUID,
    studyKey: placement.studyKey,
    seriesKey: placement.seriesKey,
    frameOfReferenceUID: metadata?.FrameOfReferenceUID ?? '',
    level: annotation.data.level,
    points: toSixPoints(annotation.data.handles.points),
    calibrated: placement.calibrated,
    viewPlaneNormal: copyPoint(metadata?.viewPlaneNormal ?? DEFAULT_VIEW_PLANE_NORMAL),
    viewUp: copyPoint(metadata?.viewUp ?? DEFAULT_VIEW_UP),
    referencedImageId: metadata?.referencedImageId ?? null,
  };
}

/** The annotation that draws a stored vertebra: its id, points (placement order), level, series and view. */
export function annotationFromMeasurement(measurement: VertebraMeasurement, toolName: string): VertebraAnnotationData {
  return {
    annotationUID: measurement.id,
    highlighted: false,
    invalidated: true,
    isLocked: false,
    isVisible: true,
    metadata: {
      toolName,
      FrameOfReferenceUID: measurement.frameOfReferenceUID,
      viewPlaneNormal: copyPoint(measurement.viewPlaneNormal),
      viewUp: copyPoint(measurement.viewUp),
      ...(measurement.referencedImageId === null ? {} : { referencedImageId: measurement.referencedImageId }),
    },
    data: {
      handles: { points: fromSixPoints(measurement.points), activeHandleIndex: null },
      level: measurement.level,
      seriesKey: measurement.seriesKey,
    },
  };
}

/** True when an annotation already shows a vertebra: the same six points (exactly, placement order) and level. */
export function annotationShows(annotation: VertebraAnnotationView, measurement: Pick<VertebraMeasurement, 'points' | 'level'>): boolean {
  const handles = annotation.data.handles.points;
  return annotation.data.level === measurement.level && handles.length === PLACEMENT_ORDER.length && PLACEMENT_ORDER.every((name, i) => {
    const [p, q] = [handles[i], measurement.points[name]];
    return p !== undefined && p[0] === q[0] && p[1] === q[1] && p[2] === q[2];
  });
}
