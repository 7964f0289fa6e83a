/** The DICOMweb client: plain fetch, usable in the browser and in node; every call returns a Result and never throws. */
export { searchStudies, searchSeries, retrieveSeriesMetadata, retrieveInstance, prefetchStudy, storeInstances, STOW_BATCH_SIZE } from './client';
export { authHeader, configForRoot, configFromUrl, studyUidsFromUrl, isUid, DEFAULT_TIMEOUT_MS } from './config';
