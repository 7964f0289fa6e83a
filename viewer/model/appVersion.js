import packageJson from '../../package.json';
/** The app version written into every export (JSON, SR, report). */
export const APP_VERSION = packageJson.version;
