import { detectSpine, proposeVertebra, snapPoint, type AnalysisImage, type AnalysisResult, type Volume } from '../../analysis';
import type { AnalysisRequest, AnalysisResponse, ImageSource } from './analysisMessages';

/**
 * The analysis worker: runs analysis/ off the page's thread. It keeps the last volume it was given (one series at a
 * time, so a second series does not double the memory) and answers every request with a value or an error value.
 */
let cached: { key: string; volume: Volume } | null = null;

function imageOf(source: ImageSource): AnalysisImage | null {
  if (source.kind === 'plane') return source.plane;
  return cached && cached.key === source.key ? cached.volume : null;
}

function answer(request: AnalysisRequest): AnalysisResult<unknown> | { ok: false; error: { code: 'NO_VOLUME'; message: string } } {
  if (request.type === 'setVolume') {
    cached = { key: request.key, volume: request.volume };
    return { ok: true, value: { key: request.key } };
  }
  const image = imageOf(request.source);
  if (!image) {
    return { ok: false, error: { code: 'NO_VOLUME', message: 'The image analysis does not hold this series yet; try again.' } };
  }
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
