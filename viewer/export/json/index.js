export { measurementsDocument, writeMeasurementsJson } from './writeJson';
export { readMeasurementsJson } from './readJson';
export { toVertebraMeasurement } from './readVertebra';
export { MEASUREMENTS_FORMAT, MEASUREMENTS_SCHEMA_VERSION } from './schema';
