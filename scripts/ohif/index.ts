/** The OHIF tooling shared by the peer benchmark and the OHIF integration test. */
export { OHIF_CACHE_ROOT, OHIF_VERSION, ensureOhifBuild, isOhifBuildComplete, ohifDistDir, type OhifBuild, type OhifBuildOptions } from './ohifBuild';
export { OHIF_DATA_SOURCE_NAME, ohifAppConfig } from './ohifAppConfig';
export { startOhifServer, type OhifServerOptions } from './ohifServer';
export { DICOMWEB_MOUNT, startStaticServer, type GeneratedFile, type RunningStaticServer, type StaticServerOptions } from './staticServer';
export { createDicomWebProxy } from './dicomWebProxy';
export { mimeTypeFor } from './mimeTypes';
