import { detectSpine, proposeVertebra, snapPoint, volumeCentreMm, type AnalysisImage, type AnalysisResult, type Volume } from '../../analysis';
import type { AnalysisRequest, AnalysisResponse, ImageSource, WorkerErrorCode } from './analysisMessages';
import { addChunk, beginAssembly, finishAssembly, type VolumeAssembly } from './volumeAssembly';

/**
 * The analysis worker: runs analysis/ off the page's thread. It keeps the last volume it was given (one series at a
 * time: a new hand-over drops the previous volume before allocating, so two never coexist) and answers every request
 * with a value or an error value.
 */
let cached: { key: string; volume: Volume } | null = null;
let arriving: VolumeAssembly | null = null;

type WorkerFailure = { ok: false; error: { code: WorkerErrorCode; message: string } };

function failure(code: WorkerErrorCode, message: string): WorkerFailure {
  return { ok: false, error: { code, message } };
}

function imageOf(source: ImageSource): AnalysisImage | null {
  if (source.kind === 'plane') return source.plane;
  return cached && cached.key === source.key ? cached.volume : null;
}

/**
 * Runs one proposal at the centre of a volume just handed over and drops its result, so that V8 has compiled and
 * optimised the analysis before the reader's first click (measured by `npm run bench:assist-browser`: without it the
 * first click of a session took several times as long as the next ones). Skipped when another volume came meanwhile.
 */
function warmUp(key: string): void {
  if (cached?.key !== key) return;
  try {
    proposeVertebra(cached.volume, volumeCentreMm(cached.volume));
  } catch {
    // A throw here would come again, and be answered, on the reader's own click; the warm-up only saves time.
  }
}

function answer(request: AnalysisRequest): AnalysisResult<unknown> | WorkerFailure {
  switch (request.type) {
    case 'beginVolume': {
      cached = null;
      arriving = null;
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
      setTimeout(() => warmUp(request.key), 0);
      return { ok: true, value: { key: request.key } };
    }
    default:
      break;
  }
  const image = imageOf(request.source);
  if (!image) return failure('NO_VOLUME', 'The image analysis does not hold this series yet; try again.');
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
