import { detectSpine, imageCentreMm, proposeVertebra, snapPoint, type AnalysisImage, type AnalysisResult, type PlaneAxes, type Volume } from '../../analysis';
import type { AnalysisRequest, AnalysisResponse, ImageSource, WorkerErrorCode } from './analysisMessages';
import { addChunk, beginAssembly, finishAssembly, type VolumeAssembly } from './volumeAssembly';

/**
 * The analysis worker: runs analysis/ off the page's thread. It keeps the last volume it was given (one series at a
 * time: a new hand-over drops the previous volume before allocating, so two never coexist) and answers every request
 * with a value or an error value.
 */
let cached: { key: string; volume: Volume } | null = null;
let arriving: VolumeAssembly | null = null;
/** Whether a request of the reader's was answered since the last warm-up began (then the warm-up is no longer needed). */
let answeredSinceWarmUp = false;

type WorkerFailure = { ok: false; error: { code: WorkerErrorCode; message: string } };

function failure(code: WorkerErrorCode, message: string): WorkerFailure {
  return { ok: false, error: { code, message } };
}

function imageOf(source: ImageSource): AnalysisImage | null {
  if (source.kind === 'image') return source.image;
  return cached && cached.key === source.key ? cached.volume : null;
}

/**
 * Proposals run at the centre of an image before the reader's first click, their results dropped, so that V8 has
 * compiled and optimised the analysis, and grown its heap's young generation to the analysis's allocations: after a
 * volume's hand-over, and for a native stack when assistance is switched on (`warmUp`, its displayed image and
 * neighbours). Three: measured in node on the phantom CT, a proposal's CPU time falls from about 5× the steady figure
 * on the first run to about 4× on the second and reaches it on the third (GC alone about 330, 170 and 60 ms), and one
 * run left the first click still ≈ 3× a later one in the browser (`npm run bench:assist-browser`).
 */
const WARM_UP_RUNS = 3;

/** The image being warmed up on and the runs left; dropped (with its image) as soon as another volume comes. */
let warming: { readonly image: AnalysisImage; readonly planeAxes?: PlaneAxes; runsLeft: number } | null = null;

function startWarmUp(image: AnalysisImage, planeAxes?: PlaneAxes): void {
  const chained = warming !== null;
  warming = { image, ...(planeAxes ? { planeAxes } : {}), runsLeft: WARM_UP_RUNS };
  answeredSinceWarmUp = false;
  if (!chained) setTimeout(warmUpStep, 0);
}

/**
 * One warm-up run, then the next as a task of its own, so that a click arriving meanwhile waits for one run at most.
 * Stops when another volume came meanwhile or a request of the reader's has been answered (its own runs warm the code).
 */
function warmUpStep(): void {
  if (!warming || warming.runsLeft <= 0 || answeredSinceWarmUp) {
    warming = null;
    return;
  }
  warming.runsLeft -= 1;
  try {
    proposeVertebra(warming.image, imageCentreMm(warming.image), warming.planeAxes ? { planeAxes: warming.planeAxes } : {});
  } catch {
    // A throw here would come again, and be answered, on the reader's own click; the warm-up only saves time.
  }
  setTimeout(warmUpStep, 0);
}

function answer(request: AnalysisRequest): AnalysisResult<unknown> | WorkerFailure {
  switch (request.type) {
    case 'beginVolume': {
      cached = null;
      arriving = null;
      warming = null;
      const begun = beginAssembly(request.key, request.geometry, request.valueType);
      if (!begun.ok) return failure('VOLUME_TRANSFER', begun.message);
      arriving = begun.value;
      return { ok: true, value: { key: request.key } };
    }
    case 'volumeChunk': {
      if (arriving?.key !== request.key) return failure('VOLUME_TRANSFER', 'Another series was handed to the image analysis meanwhile.');
      const added = addChunk(arriving, request.firstSlice, request.values);
      return added.ok ? { ok: true, value: { key: request.key, slicesReceived: added.value } } : failure('VOLUME_TRANSFER', added.message);
    }
    case 'endVolume': {
      if (arriving?.key !== request.key) return failure('VOLUME_TRANSFER', 'Another series was handed to the image analysis meanwhile.');
      const finished = finishAssembly(arriving);
      arriving = null;
      if (!finished.ok) return failure('VOLUME_TRANSFER', finished.message);
      cached = { key: request.key, volume: finished.value };
      startWarmUp(finished.value);
      return { ok: true, value: { key: request.key } };
    }
    default:
      break;
  }
  const image = imageOf(request.source);
  if (!image) return failure('NO_VOLUME', 'The image analysis does not hold this series yet; try again.');
  if (request.type === 'warmUp') {
    // A volume just handed over is warming up already; a stack's image starts it.
    if (warming || request.source.kind === 'volume') return { ok: true, value: { started: false } };
    startWarmUp(image, request.planeAxes);
    return { ok: true, value: { started: true } };
  }
  answeredSinceWarmUp = true;
  const options = { planeAxes: request.planeAxes };
  switch (request.type) {
    case 'snap':
      return snapPoint(image, request.clickMm, request.corner, options);
    case 'propose':
      return proposeVertebra(image, request.clickMm, options);
    case 'detectSpine':
      return detectSpine(image, request.firstMm, request.lastMm, options);
  }
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  const started = performance.now();
  let response: AnalysisResponse;
  try {
    const result = answer(request);
    const analysisMs = performance.now() - started;
    response = result.ok
      ? { requestId: request.requestId, ok: true, value: result.value as never, analysisMs }
      : { requestId: request.requestId, ok: false, error: result.error, analysisMs };
  } catch (error) {
    // analysis/ returns its errors as values; a throw is a programmer's mistake, still answered so the page never waits.
    response = {
      requestId: request.requestId,
      ok: false,
      error: { code: 'WORKER_ERROR', message: `The image analysis failed: ${error instanceof Error ? error.message : String(error)}` },
      analysisMs: performance.now() - started,
    };
  }
  self.postMessage(response);
};
