import type { SixPoints, SpinalLevel, Vec3 } from '../../measurement';
import type { VertebraMeasurement } from './measurements';
import { planeOfPoints } from './planeOfPoints';
import type { ReaderReading } from './readerReading';

/** A vertebra as a measurement report (DICOM SR) holds it: a level and six points in patient mm, no view. */
export interface ReportedVertebra {
  readonly level: SpinalLevel;
  readonly points: SixPoints;
  /** The reader's own reading, when the report has one and the caller keeps it. */
  readonly reading?: ReaderReading | undefined;
}

/** What a reported vertebra gets from where it is put: its id, the study and series keys, the frame and calibration. */
export interface ReportedVertebraPlacement {
  readonly id: string;
  readonly studyKey: string;
  readonly seriesKey: string;
  readonly frameOfReferenceUID: string;
  readonly calibrated: boolean;
  /** The image the points lie on, given the view normal taken from them (unit, LPS); null when not tied to one image. */
  readonly imageIdOf: (points: SixPoints, viewPlaneNormal: Vec3) => string | null;
}

/**
 * A reported vertebra as the viewer stores it: the points as read, the view directions from the plane of the points
 * (planeOfPoints: a report keeps no camera), the reading when present. The displayed plane is added by
 * withDisplayedPlane.
 */
export function measurementFromReportedVertebra(vertebra: ReportedVertebra, placement: ReportedVertebraPlacement): VertebraMeasurement {
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
