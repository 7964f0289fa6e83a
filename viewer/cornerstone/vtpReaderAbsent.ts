/**
 * Stands in for vtk.js' XML poly-data (VTP) reader in the build (vite.config.ts, resolve.alias). Cornerstone imports it
 * for surface meshes and for the orientation marker's model, neither of which this viewer shows; the reader would
 * bring an XML builder, a DOM implementation and a YAML parser (about 0.3 MB) into the page's boot chunk.
 */
function newInstance(): never {
  throw new Error('VTP surface meshes are not supported by this viewer.');
}

export default { newInstance };
