import { GENERATOR_VERSION } from './generatorVersion';
import type { NaturalDataset } from './dicomWriter';
import { deterministicUid } from './uids';

/** The phantom patient: an elderly woman, the typical patient with osteoporotic fractures. */
export const PATIENT = { name: 'PHANTOM^SPINE', id: 'PHANTOM-0001', birthDate: '19510312', sex: 'F', age: '075Y' } as const;

export type StudyKey = 'baseline' | 'post' | 'radiograph';

/** One study of the phantom patient. */
export interface StudyInfo {
  readonly key: StudyKey;
  readonly studyInstanceUID: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyId: string;
  readonly accessionNumber: string;
  readonly description: string;
}

/**
 * The lateral radiograph that raised the suspicion comes first, the baseline CT (with a same-day MR in the same study)
 * five days later, and the post-kyphoplasty CT six weeks after that.
 */
export const STUDIES: Readonly<Record<StudyKey, StudyInfo>> = {
  radiograph: {
    key: 'radiograph',
    studyInstanceUID: deterministicUid('study/radiograph'),
    studyDate: '20260910',
    studyTime: '083000',
    studyId: 'XR1',
    accessionNumber: 'PHA0000001',
    description: 'XR LUMBAR SPINE LAT',
  },
  baseline: {
    key: 'baseline',
    studyInstanceUID: deterministicUid('study/baseline'),
    studyDate: '20260915',
    studyTime: '101500',
    studyId: 'CT1',
    accessionNumber: 'PHA0000002',
    description: 'CT LUMBAR SPINE',
  },
  post: {
    key: 'post',
    studyInstanceUID: deterministicUid('study/post'),
    studyDate: '20261027',
    studyTime: '143000',
    studyId: 'CT2',
    accessionNumber: 'PHA0000003',
    description: 'CT LUMBAR SPINE POST KYPHOPLASTY',
  },
};

/** What a series adds to its study's attributes. */
export interface SeriesInfo {
  readonly key: string;
  readonly seriesInstanceUID: string;
  readonly seriesNumber: number;
  readonly modality: 'CT' | 'MR' | 'CR';
  readonly description: string;
  readonly sopClassUID: string;
  readonly frameOfReferenceUID: string | null;
}

export const SOP_CLASS = {
  ctImage: '1.2.840.10008.5.1.4.1.1.2',
  mrImage: '1.2.840.10008.5.1.4.1.1.4',
  computedRadiography: '1.2.840.10008.5.1.4.1.1.1',
} as const;

/**
 * Attributes every image of a series shares: SOP Common, Patient, General Study, Patient Study, General Series,
 * Frame of Reference (when the series has one) and General Equipment.
 */
export function sharedAttributes(study: StudyInfo, series: SeriesInfo): NaturalDataset {
  const attributes: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: series.sopClassUID,
    StudyDate: study.studyDate,
    SeriesDate: study.studyDate,
    ContentDate: study.studyDate,
    StudyTime: study.studyTime,
    SeriesTime: study.studyTime,
    ContentTime: study.studyTime,
    AccessionNumber: study.accessionNumber,
    Modality: series.modality,
    Manufacturer: 'Synthetic phantom',
    InstitutionName: 'Phantom General Hospital',
    ReferringPhysicianName: '',
    StudyDescription: study.description,
    SeriesDescription: series.description,
    ManufacturerModelName: 'vertebral-height-viewer sample-data',
    PatientName: PATIENT.name,
    PatientID: PATIENT.id,
    PatientBirthDate: PATIENT.birthDate,
    PatientSex: PATIENT.sex,
    PatientAge: PATIENT.age,
    SoftwareVersions: GENERATOR_VERSION,
    StudyInstanceUID: study.studyInstanceUID,
    SeriesInstanceUID: series.seriesInstanceUID,
    StudyID: study.studyId,
    SeriesNumber: series.seriesNumber,
  };
  if (series.frameOfReferenceUID) {
    attributes.FrameOfReferenceUID = series.frameOfReferenceUID;
    attributes.PositionReferenceIndicator = '';
  }
  return attributes;
}
