/**
 * Scripts injected into the benchmarked pages before any of their own code runs. Each records `performance.now()`
 * (ms since the navigation started) in `window.__benchMarks` when a fact first becomes true, so the times do not
 * depend on how fast the benchmark polls.
 */
export interface BenchMarks {
  firstImage?: number;
  sagittalReady?: number;
  /** OHIF: the highest number of fully loaded frames seen in a volume of the expected size. */
  framesLoaded?: number;
}

/** This viewer: the automation surface's `data-rendered` and the sagittal viewport's `data-loaded` (see README). */
export const OUR_VIEWER_PROBE = `(() => {
  const marks = (window.__benchMarks = {});
  const check = () => {
    if (marks.firstImage === undefined && document.querySelector('[data-testid="viewport"][data-rendered="true"]')) marks.firstImage = performance.now();
    if (marks.sagittalReady === undefined && document.querySelector('[data-testid="viewport"][data-orientation="sagittal"][data-loaded="true"]')) marks.sagittalReady = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered', 'data-loaded'] });
})();`;

/**
 * OHIF: the first image is the first CORNERSTONE_IMAGE_RENDERED (dispatched on the viewport element without
 * bubbling, so caught in the capture phase) after which the viewport's canvas has non-black pixels; the volume is
 * complete when a cached volume of `sliceCount` frames has all of them at full resolution (cornerstone's
 * `framesLoaded`, or `loadStatus.loaded`), polled every 50 ms through `window.cornerstone` (which OHIF sets).
 */
export function ohifProbe(sliceCount: number): string {
  return `(() => {
  const marks = (window.__benchMarks = {});
  const sliceCount = ${JSON.stringify(sliceCount)};
  const nonBlank = (element) => {
    const canvas = element && element.querySelector && element.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    const context = canvas.getContext('2d');
    if (!context) return true; // not a 2D canvas: the render event has to do
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4 * 7) if (data[i] > 8 || data[i + 1] > 8 || data[i + 2] > 8) return true;
    return false;
  };
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', (event) => {
    if (marks.firstImage !== undefined) return;
    const at = performance.now();
    if (nonBlank(event.target)) marks.firstImage = at;
  }, true);
  const timer = setInterval(() => {
    const cache = window.cornerstone && window.cornerstone.cache;
    if (!cache || typeof cache.getVolumes !== 'function') return;
    for (const volume of cache.getVolumes()) {
      const frames = (volume.imageIds && volume.imageIds.length) || volume.numFrames || 0;
      if (frames !== sliceCount) continue;
      const loaded = volume.framesLoaded || 0;
      marks.framesLoaded = Math.max(marks.framesLoaded || 0, loaded);
      if (loaded >= sliceCount || (volume.loadStatus && volume.loadStatus.loaded)) {
        marks.sagittalReady = performance.now();
        clearInterval(timer);
      }
    }
  }, 50);
})();`;
}

export interface IoFloorResult {
  readonly ms: number;
  readonly frames: number;
  readonly bytes: number;
}

/**
 * The I/O floor, as a page script to run in a blank page on the viewer's origin (a string, so no transpiler helper
 * leaks into it): GET the series metadata (and parse it, to learn the SOP instance UIDs), then GET every frame over
 * WADO-RS with the Accept header both viewers send, `parallel` requests in flight, reading each body to its end and
 * decoding nothing. Resolves to an IoFloorResult.
 */
export function ioFloorScript(input: { root: string; studyUID: string; seriesUID: string; parallel: number }): string {
  return `(async (input) => {
  const started = performance.now();
  const seriesUrl = input.root + '/studies/' + input.studyUID + '/series/' + input.seriesUID;
  const metadataResponse = await fetch(seriesUrl + '/metadata', { headers: { Accept: 'application/dicom+json' } });
  if (!metadataResponse.ok) throw new Error('metadata: HTTP ' + metadataResponse.status);
  const metadata = await metadataResponse.json();
  const urls = metadata.map((instance) => seriesUrl + '/instances/' + instance['00080018'].Value[0] + '/frames/1');
  let bytes = 0;
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const response = await fetch(url, { headers: { Accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' } });
      if (!response.ok) throw new Error('frame: HTTP ' + response.status);
      const body = await response.arrayBuffer(); // read first: 'bytes += await …' would lose concurrent updates
      bytes += body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: input.parallel }, worker));
  return { ms: performance.now() - started, frames: urls.length, bytes };
})(${JSON.stringify(input)})`;
}

/** What the page handed to WebGL as 3-D texture data: calls of texImage3D/texSubImage3D and the bytes passed. */
export interface TextureUploads {
  readonly calls: number;
  readonly bytes: number;
}

/**
 * Counts 3-D texture uploads (the volume's slices on their way to the GPU) in `window.__benchTextureUploads`: each
 * frame should be uploaded once, and its bytes say whether it went as 16-bit or 32-bit texels.
 */
export const TEXTURE_UPLOAD_PROBE = `(() => {
  const counts = (window.__benchTextureUploads = { calls: 0, bytes: 0 });
  const proto = typeof WebGL2RenderingContext === 'undefined' ? null : WebGL2RenderingContext.prototype;
  if (!proto) return;
  for (const name of ['texImage3D', 'texSubImage3D']) {
    const original = proto[name];
    proto[name] = function (...args) {
      const data = args.find((arg) => arg !== null && typeof arg === 'object' && typeof arg.byteLength === 'number');
      if (data) {
        counts.calls++;
        counts.bytes += data.byteLength;
      }
      return original.apply(this, args);
    };
  }
})();`;
