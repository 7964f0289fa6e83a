import { planeOfPoints } from './planeOfPoints';
/**
 * A reported vertebra as the viewer stores it: the points as read, the view directions from the plane of the points
 * (planeOfPoints: a report keeps no camera), the reading when present. The displayed plane is added by
 * withDisplayedPlane.
 */
export function measurementFromReportedVertebra(vertebra, placement) {
    const { normal, up } = planeOfPoints(vertebra.points);
    return {
        id: placement.id,
        studyKey: placement.studyKey,
        seriesKey: placement.seriesKey,
        frameOfReferenceUID: placement.frameOfReferenceUID,
        level: vertebra.level,
        points: vertebra.points,
        calibrated: placement.calibrated,
        viewPlaneNormal: normal,
        viewUp: up,
        referencedImageId: placement.imageIdOf(vertebra.points, normal),
        ...(vertebra.reading === undefined ? {} : { reading: vertebra.reading }),
    };
}
