import { cache, metaData, type StackViewport, type Types } from '@cornerstonejs/core';
import type { CornerName, PlaneAxes, PlaneImage, Vec3, Volume, VoxelValues } from '../../analysis';
import type { ViewportSpec } from '../model/displayPlan';
import type { AnalysisAnswers, AnalysisRequest, AnalysisResponse, ImageSource } from '../workers/analysisMessages';

/**
 * The page's side of the analysis worker: one worker for the session (loaded from the app's own origin, no blob: or
 * inline code), one volume handed to it per series (a copy of the voxels made once and transferred), typed requests
 * answered as values. Nothing here throws at a caller: every failure is an `AnalysisReply` with a message.
 */

/** The worker's answer, or why there is none: a sentence for the clinician. */
export type AnalysisReply<T> =
  | { readonly ok: true; readonly value: T; readonly analysisMs: number }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** What a request needs to know about the view that was clicked. */
export interface AnalysisView {
  readonly source: ImageSource;
  readonly planeAxes: PlaneAxes;
}

type Pending = (response: AnalysisResponse) => void;

let worker: Worker | null = null;
let workerBroken: string | null = null;
let nextRequestId = 1;
const pending = new Map<number, Pending>();
/** The volume the worker holds (its key), and the hand-over in flight. */
let volumeInWorker: string | null = null;
let volumeHandOver: Promise<AnalysisReply<unknown>> | null = null;

function workerOrNull(): Worker | null {
  if (worker || workerBroken) return worker;
  try {
    worker = new Worker(new URL('../workers/analysisWorker.ts', import.meta.url), { type: 'module', name: 'image-analysis' });
  } catch (error) {
    workerBroken = `The image analysis could not start in this browser (${error instanceof Error ? error.message : String(error)}).`;
    return null;
  }
  worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
    const settle = pending.get(event.data.requestId);
    pending.delete(event.data.requestId);
    settle?.(event.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    workerBroken = `The image analysis stopped (${event.message || 'the worker failed to load'}).`;
    for (const [id, settle] of pending) settle({ requestId: id, ok: false, error: { code: 'WORKER_ERROR', message: workerBroken }, analysisMs: 0 });
    pending.clear();
    worker?.terminate();
    worker = null;
    volumeInWorker = null;
  };
  return worker;
}

type RequestBody = AnalysisRequest extends infer R ? (R extends AnalysisRequest ? Omit<R, 'requestId'> : never) : never;

function send<K extends AnalysisRequest['type']>(body: RequestBody & { type: K }, transfer: Transferable[] = []): Promise<AnalysisReply<AnalysisAnswers[K]>> {
  const target = workerOrNull();
  if (!target) return Promise.resolve({ ok: false, code: 'WORKER_ERROR', message: workerBroken ?? 'The image analysis is not available.' });
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    pending.set(requestId, (response) => {
      resolve(response.ok
        ? { ok: true, value: response.value as AnalysisAnswers[K], analysisMs: response.analysisMs }
        : { ok: false, code: response.error.code, message: response.error.message });
    });
    target.postMessage({ ...body, requestId }, transfer);
  });
}

function vec3(values: ArrayLike<number>, offset = 0): Vec3 {
  return [values[offset] ?? 0, values[offset + 1] ?? 0, values[offset + 2] ?? 0];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

/** The displayed plane's directions: screen right and screen down, from the camera. */
export function planeAxesOf(viewport: Types.IViewport): PlaneAxes {
  const camera = viewport.getCamera();
  const up = unit(vec3(camera.viewUp ?? [0, 0, 1]));
  const normal = unit(vec3(camera.viewPlaneNormal ?? [1, 0, 0]));
  return { rowCosine: unit(cross(up, normal)), columnCosine: [-up[0], -up[1], -up[2]] };
}

/**
 * The volume's voxels in one array the worker may own, copied once from the slices in cornerstone's image cache (a
 * slice that failed to load reads as 0, as in cornerstone's own volume array). Null when no slice is loaded.
 */
function volumeValuesCopy(volume: Types.IImageVolume): VoxelValues | null {
  const [columns, rows, slices] = volume.dimensions;
  const sliceLength = columns * rows;
  const sliceOf = (k: number) => {
    const imageId = volume.imageIds[k];
    return imageId === undefined ? undefined : cache.getImage(imageId)?.getPixelData();
  };
  let first: ArrayLike<number> | undefined;
  for (let k = 0; k < slices && first === undefined; k += 1) first = sliceOf(k);
  if (first === undefined) return null;
  // The slices' own type (Int16Array for CT): a Float32 copy would take twice the memory.
  const values: VoxelValues = first instanceof Int16Array ? new Int16Array(sliceLength * slices)
    : first instanceof Uint16Array ? new Uint16Array(sliceLength * slices)
      : first instanceof Uint8Array ? new Uint8Array(sliceLength * slices)
        : first instanceof Int8Array ? new Int8Array(sliceLength * slices)
          : new Float32Array(sliceLength * slices);
  for (let k = 0; k < slices; k += 1) {
    const slice = sliceOf(k);
    // A slice of another size than the volume's (never planned as a volume) is left at 0 rather than overrunning.
    if (slice !== undefined && slice.length <= sliceLength) values.set(slice, k * sliceLength);
  }
  return values;
}

/** Longest wait for a volume's last slices before a click is answered "still loading", ms. */
const VOLUME_LOAD_WAIT_MS = 60_000;
const VOLUME_LOAD_POLL_MS = 200;

/** True once every slice is in the volume; waits (polling) up to VOLUME_LOAD_WAIT_MS for a volume still streaming. */
async function volumeLoaded(volume: Types.IImageVolume): Promise<boolean> {
  const isLoaded = () => (volume.loadStatus as { loaded?: boolean } | undefined)?.loaded === true;
  const deadline = performance.now() + VOLUME_LOAD_WAIT_MS;
  while (!isLoaded() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, VOLUME_LOAD_POLL_MS));
  }
  return isLoaded();
}

/** The series' volume, handed to the worker once (later calls reuse it); an error value while it is still loading. */
async function volumeSource(volumeId: string, calibrated: boolean): Promise<AnalysisReply<ImageSource>> {
  const volume = cache.getVolume(volumeId);
  if (!volume) return { ok: false, code: 'NO_VOLUME', message: 'The series is not loaded yet.' };
  if (!(await volumeLoaded(volume))) {
    return { ok: false, code: 'LOADING', message: 'The series is still loading: the image analysis starts once all its images are in; try again then.' };
  }
  if (volumeInWorker === volumeId) return { ok: true, value: { kind: 'volume', key: volumeId }, analysisMs: 0 };
  if (!volumeHandOver) {
    const values = volumeValuesCopy(volume);
    if (!values) return { ok: false, code: 'NO_VOLUME', message: 'The volume\'s voxels cannot be read for the image analysis.' };
    const direction: ArrayLike<number> = volume.direction;
    const payload: Volume = {
      kind: 'volume',
      values,
      dimensions: [volume.dimensions[0], volume.dimensions[1], volume.dimensions[2]],
      originMm: vec3(volume.origin),
      rowCosine: vec3(direction, 0),
      columnCosine: vec3(direction, 3),
      sliceCosine: vec3(direction, 6),
      spacingMm: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
      calibrated,
    };
    volumeHandOver = send({ type: 'setVolume', key: volumeId, volume: payload }, [values.buffer as ArrayBuffer]);
  }
  const handOver = volumeHandOver;
  const reply = await handOver;
  if (volumeHandOver === handOver) volumeHandOver = null;
  if (!reply.ok) return reply;
  volumeInWorker = volumeId;
  return { ok: true, value: { kind: 'volume', key: volumeId }, analysisMs: 0 };
}

/** The image a stack viewport shows, as a plane in patient space with values in modality units. */
function stackPlane(viewport: StackViewport, calibrated: boolean): AnalysisReply<ImageSource> {
  const imageId = viewport.getCurrentImageId();
  const image = imageId ? (cache.getImage(imageId)) : undefined;
  const plane = imageId ? (metaData.get('imagePlaneModule', imageId) as {
    imagePositionPatient?: number[]; rowCosines?: number[]; columnCosines?: number[]; rowPixelSpacing?: number | null; columnPixelSpacing?: number | null;
  } | undefined) : undefined;
  if (!image || !plane?.imagePositionPatient || !plane.rowCosines || !plane.columnCosines) {
    return { ok: false, code: 'NO_VOLUME', message: 'The displayed image is not loaded yet.' };
  }
  if (image.color) return { ok: false, code: 'INVALID_IMAGE', message: 'The image analysis reads grey-scale CT and MR images, not colour ones.' };
  const raw = image.getPixelData() as ArrayLike<number>;
  const scaled = (image as { preScale?: { scaled?: boolean } }).preScale?.scaled === true;
  const slope = scaled ? 1 : (image.slope ?? 1);
  const intercept = scaled ? 0 : (image.intercept ?? 0);
  const values = new Float32Array(image.rows * image.columns);
  for (let i = 0; i < values.length; i += 1) values[i] = (raw[i] ?? 0) * slope + intercept;
  // DICOM PixelSpacing is row spacing (between rows) then column spacing; cornerstone calls them row/columnPixelSpacing.
  const rowSpacingMm = plane.rowPixelSpacing ?? 0;
  const columnSpacingMm = plane.columnPixelSpacing ?? 0;
  const value: PlaneImage = {
    kind: 'plane',
    values,
    columns: image.columns,
    rows: image.rows,
    originMm: vec3(plane.imagePositionPatient),
    rowCosine: unit(vec3(plane.rowCosines)),
    columnCosine: unit(vec3(plane.columnCosines)),
    columnSpacingMm,
    rowSpacingMm,
    calibrated: calibrated && columnSpacingMm > 0 && rowSpacingMm > 0,
  };
  return { ok: true, value: { kind: 'plane', plane: value }, analysisMs: 0 };
}

/** What the worker should analyse for a click on this viewport. */
export async function analysisViewOf(viewport: Types.IViewport, spec: ViewportSpec): Promise<AnalysisReply<AnalysisView>> {
  const source = spec.kind === 'volume'
    ? await volumeSource(`cornerstoneStreamingImageVolume:${spec.seriesKey}`, spec.calibrated)
    : stackPlane(viewport as StackViewport, spec.calibrated);
  if (!source.ok) return source;
  return { ok: true, value: { source: source.value, planeAxes: planeAxesOf(viewport) }, analysisMs: 0 };
}

/** Asks where a click of the six-point placement snaps to. */
export function requestSnap(view: AnalysisView, clickMm: Vec3, corner: CornerName): Promise<AnalysisReply<AnalysisAnswers['snap']>> {
  return send({ type: 'snap', source: view.source, planeAxes: view.planeAxes, clickMm, corner });
}

/** Asks for the six points of the body around a click. */
export function requestProposal(view: AnalysisView, clickMm: Vec3): Promise<AnalysisReply<AnalysisAnswers['propose']>> {
  return send({ type: 'propose', source: view.source, planeAxes: view.planeAxes, clickMm });
}

/** Asks for every body from the one around `firstMm` to the one around `lastMm`. */
export function requestSpine(view: AnalysisView, firstMm: Vec3, lastMm: Vec3): Promise<AnalysisReply<AnalysisAnswers['detectSpine']>> {
  return send({ type: 'detectSpine', source: view.source, planeAxes: view.planeAxes, firstMm, lastMm });
}
