export { writeMeasurementReport } from './writeReport';
export { readMeasurementReport } from './readReport';
export { COMPREHENSIVE_3D_SR_SOP_CLASS_UID, SR_MAX_ABS_COORDINATE_MM } from './codes';
