import type {
  AnalysisError,
  AnalysisImage,
  CornerName,
  PlaneAxes,
  SnapResult,
  SpineProposal,
  Vec3,
  VertebraProposal,
  Volume,
} from '../../analysis';

/**
 * The typed messages between the page and the analysis worker. A series' volume is handed over once, in chunks of
 * slices whose arrays are transferred (never one structured clone of the whole volume): `beginVolume` (its geometry and
 * value type: the worker allocates the one array it keeps), `volumeChunk` per group of slices, `endVolume`. The worker
 * keeps it under a key; each request then names it, or carries what a stack shows (its displayed image, with the
 * neighbours the analysis reads beside it as a small volume). The geometry and a stack's image carry the series' header
 * as far as the analysis uses it (`header`: Modality, values in HU or not).
 */
export type ImageSource = { readonly kind: 'volume'; readonly key: string } | { readonly kind: 'image'; readonly image: AnalysisImage };

/** The typed-array kinds a volume's voxels may come in (the slices' own type, so no conversion and no wider copy). */
export type VoxelValueType = 'Int8Array' | 'Uint8Array' | 'Int16Array' | 'Uint16Array' | 'Float32Array';

/** A volume without its voxels: what `beginVolume` announces. */
export type VolumeGeometry = Omit<Volume, 'values'>;

export type AnalysisRequest =
  | { readonly type: 'beginVolume'; readonly requestId: number; readonly key: string; readonly geometry: VolumeGeometry; readonly valueType: VoxelValueType }
  | { readonly type: 'volumeChunk'; readonly requestId: number; readonly key: string; readonly firstSlice: number; readonly values: Volume['values'] }
  | { readonly type: 'endVolume'; readonly requestId: number; readonly key: string }
  | { readonly type: 'snap'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly clickMm: Vec3; readonly corner: CornerName }
  | { readonly type: 'propose'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly clickMm: Vec3 }
  | { readonly type: 'detectSpine'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly firstMm: Vec3; readonly lastMm: Vec3 }
  /** Proposals on a stack's displayed image, their results dropped, before the reader's first click (see the worker's warm-up). */
  | { readonly type: 'warmUp'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes };

/** What each request type answers with when it succeeds. */
export interface AnalysisAnswers {
  readonly beginVolume: { readonly key: string };
  /** Slices received so far. */
  readonly volumeChunk: { readonly key: string; readonly slicesReceived: number };
  readonly endVolume: { readonly key: string };
  readonly snap: SnapResult;
  readonly propose: VertebraProposal;
  readonly detectSpine: SpineProposal;
  /** Answered at once; the warm-up runs after it. */
  readonly warmUp: { readonly started: boolean };
}

export type AnalysisRequestType = AnalysisRequest['type'];

/** Why the worker could not take a volume or a request on it. */
export type WorkerErrorCode = 'WORKER_ERROR' | 'NO_VOLUME' | 'VOLUME_TRANSFER';

/** The worker's answer: the result or the analysis's error as a value, and the time the analysis took (ms). */
export type AnalysisResponse =
  | { readonly requestId: number; readonly ok: true; readonly value: AnalysisAnswers[AnalysisRequestType]; readonly analysisMs: number }
  | { readonly requestId: number; readonly ok: false; readonly error: AnalysisError | { readonly code: WorkerErrorCode; readonly message: string }; readonly analysisMs: number };
