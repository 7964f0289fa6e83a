/** DICOM SR export and import of vertebral measurements (TID 1500 Measurement Report in a Comprehensive 3D SR). */
export type {
  ForeignAnnotation,
  ForeignAnnotationKind,
  ForeignGraphic,
  ForeignValue,
  SrDocumentReference,
  SrError,
  SrErrorCode,
  SrExportInput,
  SrExportOutput,
  SrImportResult,
  SrResult,
  SrSourceImage,
  SrVertebra,
} from './types';
export { writeMeasurementReport } from './writeReport';
export { readMeasurementReport } from './readReport';
export { COMPREHENSIVE_3D_SR_SOP_CLASS_UID, SR_MAX_ABS_COORDINATE_MM } from './codes';
