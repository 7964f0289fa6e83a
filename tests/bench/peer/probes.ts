/**
 * Scripts injected into the benchmarked pages before any of their own code runs. Each records `performance.now()`
 * (ms since the navigation started) in `window.__benchMarks` when a fact first becomes true, so the times do not
 * depend on how fast the benchmark polls.
 */
export interface BenchMarks {
  firstImage?: number;
  /** This viewer: the first image was its early image (drawn before cornerstone's first render). */
  firstImageEarly?: boolean;
  /** This viewer: cornerstone's first render event (`data-rendered`), black or not. */
  firstRendered?: number;
  sagittalReady?: number;
  /**
   * This viewer: the sagittal view first drawn with every slice of its volume in the texture (`data-complete-render`);
   * `sagittalReady` (the volume complete) can come before that render.
   */
  sagittalDrawn?: number;
  /** OHIF: the highest number of fully loaded frames seen in a volume of the expected size. */
  framesLoaded?: number;
  /** This viewer: cornerstone's render events per view orientation (axial, sagittal …) from the page's start. */
  rendersByOrientation?: Record<string, number>;
}

/**
 * This viewer: the first image is the first moment a viewport shows a slice whose pixels have arrived, with non-black
 * pixels (as OHIF's below). On each CORNERSTONE_IMAGE_RENDERED the viewport's current slice must be loaded: a volume
 * viewport renders before its slices arrive, and a volume of zeros shows as a uniform grey square under a CT window
 * (seen: a "first image" 1.5 s before the first frame had arrived), so that render does not count; a reformatted plane
 * (no current image) does not count either. The image the viewer draws before cornerstone's first render (see
 * viewer/cornerstone/earlyImage.ts) counts when its viewport is marked `data-early-image="true"` with non-black pixels:
 * it is drawn only from the arrived, decoded slice; so does the one the entry chunk draws before the viewer's code has
 * run (viewer/cornerstone/entryImage.ts), in the axial view's place of the shell's frame (`data-testid="early-viewport"`),
 * the same canvas that then moves into the axial view; only the early image's own canvas is read then (reading cornerstone's
blank canvas beside it was a GPU read-back that held the page for seconds on a loaded machine). Two marks join the page's
 * start-up marks: `vhv:bench-first-frame`, the page's first animation frame (nothing is on screen before the compositor
 * has its frame sink), and `vhv:bench-early-image-frame`, the first animation frame after the early image was seen: the
 * first frame that can show it. `firstRendered` keeps the automation surface's `data-rendered`
 * (cornerstone's first render event, black, grey or not) for comparison; the sagittal viewport's `data-loaded` is the
 * complete volume (see README).
 */
export const OUR_VIEWER_PROBE = `(() => {
  const marks = (window.__benchMarks = {});
  const nonBlank = (element, selector = 'canvas') => {
    for (const canvas of element.querySelectorAll(selector)) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const context = canvas.getContext('2d');
      if (!context) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4 * 7) if (data[i] > 8 || data[i + 1] > 8 || data[i + 2] > 8) return true;
    }
    return false;
  };
  const viewportOf = (node) => node && node.closest && node.closest('[data-testid="viewport"]');
  const sliceArrived = (element) => {
    const cs = window.cornerstone;
    const enabled = cs && typeof cs.getEnabledElement === 'function' ? cs.getEnabledElement(element) : null;
    const viewport = enabled && enabled.viewport;
    const imageId = viewport && typeof viewport.getCurrentImageId === 'function' ? viewport.getCurrentImageId() : undefined;
    if (!imageId) return false;
    for (const volume of cs.cache.getVolumes()) {
      const index = volume.imageIds ? volume.imageIds.indexOf(imageId) : -1;
      if (index >= 0) return Boolean(volume.cachedFrames && volume.cachedFrames[index]);
    }
    return Boolean(cs.cache.getImage(imageId));
  };
  const renders = (marks.rendersByOrientation = {});
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', (event) => {
    const orientation = (viewportOf(event.target) && viewportOf(event.target).dataset.orientation) || 'other';
    renders[orientation] = (renders[orientation] || 0) + 1;
    if (marks.firstImage !== undefined) return;
    const at = performance.now();
    const viewport = viewportOf(event.target);
    if (viewport && sliceArrived(viewport) && nonBlank(viewport)) marks.firstImage = at;
  }, true);
  const check = () => {
    if (marks.firstRendered === undefined && document.querySelector('[data-testid="viewport"][data-rendered="true"]')) marks.firstRendered = performance.now();
    if (marks.firstImage === undefined) {
      const at = performance.now();
      for (const viewport of document.querySelectorAll('[data-testid="viewport"][data-early-image="true"], [data-testid="early-viewport"][data-early-image="true"]')) {
        if (nonBlank(viewport, 'canvas[data-testid="early-image"]')) {
          marks.firstImage = at;
          marks.firstImageEarly = true;
          requestAnimationFrame(() => performance.mark('vhv:bench-early-image-frame'));
          break;
        }
      }
    }
    if (marks.sagittalReady === undefined && document.querySelector('[data-testid="viewport"][data-orientation="sagittal"][data-loaded="true"]')) marks.sagittalReady = performance.now();
    if (marks.sagittalDrawn === undefined && document.querySelector('[data-testid="viewport"][data-orientation="sagittal"][data-complete-render="true"]')) marks.sagittalDrawn = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rendered', 'data-loaded', 'data-early-image', 'data-complete-render'] });
  requestAnimationFrame(() => performance.mark('vhv:bench-first-frame'));
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
