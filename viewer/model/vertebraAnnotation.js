import { HEIGHT_POINT_PAIRS } from '../../measurement';
/** The click order of the six-point method, which is also the order of the annotation's handles: each height's superior point, then its inferior point, front to back. */
export const PLACEMENT_ORDER = HEIGHT_POINT_PAIRS.flatMap(({ superior, inferior }) => [superior, inferior]);
function handleIndex(name) {
    return PLACEMENT_ORDER.indexOf(name);
}
/** Each height as a pair of handle indices (superior, inferior), anterior → middle → posterior: how the tool draws them. */
export const HEIGHT_HANDLE_PAIRS = HEIGHT_POINT_PAIRS.map(({ superior, inferior }) => [handleIndex(superior), handleIndex(inferior)]);
/**
 * The endplates as segments between handle indices, from one wall to the next: the superior endplate (anterior →
 * middle → posterior superior points), then the inferior one.
 */
export const ENDPLATE_HANDLE_PAIRS = ['superior', 'inferior'].flatMap((end) => HEIGHT_POINT_PAIRS.flatMap((wall, i) => {
    const next = HEIGHT_POINT_PAIRS[i + 1];
    return next === undefined ? [] : [[handleIndex(wall[end]), handleIndex(next[end])]];
}));
/** The six handles (placement order) as named points, copied; throws for another count of points (a programmer's mistake). */
export function toSixPoints(handles) {
    const at = (name) => {
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
export function fromSixPoints(points) {
    return PLACEMENT_ORDER.map((name) => copyPoint(points[name]));
}
function copyPoint(p) {
    return [p[0], p[1], p[2]];
}
/** The view direction assumed when an annotation has none (looking along z, head up), unit vectors in LPS. */
export const DEFAULT_VIEW_PLANE_NORMAL = [0, 0, 1];
export const DEFAULT_VIEW_UP = [0, -1, 0];
/**
 * The vertebra a completed annotation holds (six handles and an id), its points and view directions copied; null while
 * it has fewer than six points or no id. The displayed plane is not set here (withDisplayedPlane adds it).
 */
export function measurementFromAnnotation(annotation, placement) {
    const { annotationUID, metadata } = annotation;
    if (annotationUID === undefined || annotation.data.handles.points.length !== PLACEMENT_ORDER.length)
        return null;
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
export function annotationFromMeasurement(measurement, toolName) {
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
export function annotationShows(annotation, measurement) {
    const handles = annotation.data.handles.points;
    return annotation.data.level === measurement.level && handles.length === PLACEMENT_ORDER.length && PLACEMENT_ORDER.every((name, i) => {
        const [p, q] = [handles[i], measurement.points[name]];
        return p !== undefined && p[0] === q[0] && p[1] === q[1] && p[2] === q[2];
    });
}
