import { findOrthancBinary } from '../../scripts/pacs/orthanc';

/**
 * Whether Orthanc is installed for the browser tests that need a PACS. Absent, they skip; in CI its absence is an
 * error, because `.ci/run` installs it (orthanc and orthanc-dicomweb).
 */
export const hasOrthanc = (() => {
  try {
    return Boolean(findOrthancBinary());
  } catch {
    return false;
  }
})();
if (!hasOrthanc && process.env.CI) throw new Error('Orthanc is required in CI: .ci/run installs orthanc and orthanc-dicomweb');
