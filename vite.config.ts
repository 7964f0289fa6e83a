import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connectOriginsOf, contentSecurityPolicy, contentSecurityPolicyPlugin } from './scripts/build/contentSecurityPolicy';
import { preloadBootChunkPlugin } from './scripts/build/preloadBootChunk';

const SAMPLE_DIR = fileURLToPath(new URL('./sample-data/output', import.meta.url));
const DICOMWEB_TARGET = process.env.DICOMWEB_PROXY_TARGET ?? 'http://127.0.0.1:8042';
/** DICOMweb roots on other origins the built page may request (README, "Security"). */
const CONNECT_ORIGINS = connectOriginsOf(process.env.DICOMWEB_CONNECT_SRC);

/** Serves the generated sample phantom at /sample/ from both the dev and the preview server. */
function sampleDataPlugin(): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const [path = ''] = (req.url ?? '').split('?');
    const url = decodeURIComponent(path);
    const file = normalize(resolve(SAMPLE_DIR, '.' + url));
    if (!file.startsWith(SAMPLE_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end(existsSync(SAMPLE_DIR) ? 'not found' : 'sample data not generated: run `npm run sample`');
      return;
    }
    res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/dicom');
    res.setHeader('Content-Length', String(statSync(file).size));
    createReadStream(file).pipe(res);
    void next;
  };
  return {
    name: 'sample-data',
    configureServer(server) {
      server.middlewares.use('/sample', middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/sample', middleware);
    },
  };
}

const dicomWebProxy = {
  '/dicom-web': { target: DICOMWEB_TARGET, changeOrigin: false },
};

export default defineConfig({
  root: 'viewer',
  publicDir: false,
  plugins: [react(), sampleDataPlugin(), contentSecurityPolicyPlugin(CONNECT_ORIGINS), preloadBootChunkPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: 'es' },
  resolve: {
    alias: [
      // vtk.js' rendering profiles register its WebGPU back end beside the WebGL one; cornerstone renders through WebGL
      // only (vtkStreamingOpenGLRenderWindow), so the page loads the WebGL profile alone (184 kB less in the boot chunk).
      { find: /^@kitware\/vtk\.js\/Rendering\/Profiles\/(Volume|Geometry)\.js$/, replacement: '@kitware/vtk.js/Rendering/OpenGL/Profiles/$1.js' },
      // Cornerstone's surface meshes and orientation marker read VTP files (not used here): see vtpReaderAbsent.ts.
      { find: /^@kitware\/vtk\.js\/IO\/XML\/XMLPolyDataReader\.js$/, replacement: fileURLToPath(new URL('./viewer/cornerstone/vtpReaderAbsent.ts', import.meta.url)) },
    ],
  },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      'dicom-parser',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
      '@cornerstonejs/codec-libjxl/decodewasmjs',
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, proxy: dicomWebProxy },
  // The same policy as a header too: a meta tag does not reach the decode workers, a header on their scripts does.
  preview: { host: '127.0.0.1', port: 4173, strictPort: false, proxy: dicomWebProxy, headers: { 'Content-Security-Policy': contentSecurityPolicy(CONNECT_ORIGINS) } },
});
