import type { SrDocumentReference, SrExportInput } from '../export/sr';
import type { SeriesGroup } from '../loading/grouping';
import type { SeriesMorphometry } from '../model/morphometry';

/** What the SR writer gets for one series, and the rows it leaves out (by the duplicate-level policy), as sentences. */
export interface SeriesReportInput {
  input: SrExportInput;
  leftOut: string[];
}

/**
 * The SR writer's input for a measured series: its assessed vertebrae (the series' one assessment), never a level
 * measured twice, each with the reader's reading when one was recorded and its review status when the image analysis
 * proposed it; null when no vertebra is left to write.
 */
export function seriesReportInput(
  series: SeriesGroup,
  morphometry: SeriesMorphometry,
  context: { appVersion: string; now: Date; predecessor?: SrDocumentReference | undefined },
): SeriesReportInput | null {
  const meta = series.instances[0]?.meta;
  const first = morphometry.rows[0]?.measurement;
  const vertebrae = morphometry.rows
    .filter((row) => !row.duplicate)
    .map(({ measurement: { level, points, reading, proposed, confidence } }) => ({
      level,
      points,
      ...(reading === undefined ? {} : { reading }),
      // A vertebra the image analysis proposed carries its review status into the SR (a TEXT item per group).
      ...(confidence === undefined ? {} : { proposal: { reviewed: proposed !== true, confidence } }),
    }));
  if (!meta || !first || vertebrae.length === 0) return null;
  const leftOut = morphometry.rows.filter((row) => row.duplicate).map((row) => `${row.error ?? ''} (not written to the report)`);
  return {
    leftOut,
    input: {
      patient: { name: meta.patientName, id: meta.patientId, birthDate: meta.patientBirthDate, sex: meta.patientSex },
      study: {
        studyInstanceUID: meta.studyInstanceUID,
        studyDate: meta.studyDate,
        studyTime: meta.studyTime,
        studyId: meta.studyId,
        accessionNumber: meta.accessionNumber,
        referringPhysicianName: meta.referringPhysicianName,
        description: meta.studyDescription,
      },
      series: { seriesInstanceUID: meta.seriesInstanceUID, frameOfReferenceUID: meta.frameOfReferenceUID || first.frameOfReferenceUID, modality: meta.modality, description: meta.seriesDescription },
      sourceImages: series.instances.filter((i) => i.meta.kind === 'image').map((i) => ({ sopClassUID: i.meta.sopClassUID, sopInstanceUID: i.meta.sopInstanceUID })),
      vertebrae,
      calibrated: morphometry.calibrated,
      appVersion: context.appVersion,
      now: context.now,
      ...(context.predecessor ? { predecessor: context.predecessor } : {}),
    },
  };
}
