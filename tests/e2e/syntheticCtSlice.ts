import type { NaturalDataset } from '../../sample-data/dicomWriter';
import { deterministicUid } from '../../sample-data/uids';

/** CT Image Storage (PS3.4 §B.5). */
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** What names a browser test's synthetic CT series. */
export interface SyntheticCtSeries {
  /** Its UIDs derive from this (`deterministicUid`): `key/study`, `key/series`, `key/frame-of-reference`, `key/<index>`. */
  readonly key: string;
  readonly patientName: string;
  readonly patientId: string;
  /** YYYYMMDD. */
  readonly studyDate: string;
  readonly rows: number;
  readonly columns: number;
}

/**
 * The attributes every slice of a browser test's synthetic CT series shares: CT Image Storage, one series (number 1)
 * of one study, signed 16-bit MONOCHROME2 pixels, rescale slope 1, UIDs derived from the series' key. Geometry
 * (position, orientation, spacing), instance number, rescale intercept and window are each test's own.
 */
export function syntheticCtSlice(series: SyntheticCtSeries, sliceIndex: number): NaturalDataset {
  return {
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: deterministicUid(`${series.key}/${sliceIndex}`),
    StudyDate: series.studyDate,
    Modality: 'CT',
    PatientName: series.patientName,
    PatientID: series.patientId,
    StudyInstanceUID: deterministicUid(`${series.key}/study`),
    SeriesInstanceUID: deterministicUid(`${series.key}/series`),
    SeriesNumber: 1,
    FrameOfReferenceUID: deterministicUid(`${series.key}/frame-of-reference`),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: series.rows,
    Columns: series.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    RescaleSlope: '1',
  };
}
