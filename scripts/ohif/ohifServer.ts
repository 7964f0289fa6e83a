import { ohifAppConfig } from './ohifAppConfig';
import { startStaticServer, type RunningStaticServer } from './staticServer';

export interface OhifServerOptions {
  /** OHIF's production build folder (`ensureOhifBuild()`'s `distDir`). */
  readonly distDir: string;
  /** The DICOMweb root `/dicom-web` is proxied to, e.g. a RunningOrthanc's `dicomWebRoot` (http://127.0.0.1:PORT/dicom-web). */
  readonly dicomWebTarget: string;
  /** COOP/COEP headers for SharedArrayBuffer (default false). */
  readonly crossOriginIsolation?: boolean;
  /** ETags and 304 answers, so later pages of one browser context load from its cache (default false: cold loads). */
  readonly revalidate?: boolean;
  /** Default 0: a free loopback port. */
  readonly port?: number;
}

/**
 * Serves OHIF's build on loopback with a generated `/app-config.js` whose only data source is the same-origin
 * `/dicom-web`, proxied to `dicomWebTarget`. Open `${url}/viewer?StudyInstanceUIDs=<uid>` to view a study.
 */
export function startOhifServer(options: OhifServerOptions): Promise<RunningStaticServer> {
  return startStaticServer({
    rootDir: options.distDir,
    dicomWebTarget: options.dicomWebTarget,
    generated: { '/app-config.js': { contentType: 'text/javascript; charset=utf-8', body: () => ohifAppConfig() } },
    ...(options.crossOriginIsolation === undefined ? {} : { crossOriginIsolation: options.crossOriginIsolation }),
    ...(options.revalidate === undefined ? {} : { revalidate: options.revalidate }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
}
