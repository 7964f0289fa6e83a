import type {
  AnalysisError,
  CornerName,
  PlaneAxes,
  PlaneImage,
  SnapResult,
  SpineProposal,
  Vec3,
  VertebraProposal,
  Volume,
} from '../../analysis';

/**
 * The typed messages between the page and the analysis worker. A volume is sent once per series (its voxel array
 * transferred, not copied) and kept in the worker under a key; each request then names it, or carries the one
 * displayed plane of a stack.
 */
export type ImageSource = { readonly kind: 'volume'; readonly key: string } | { readonly kind: 'plane'; readonly plane: PlaneImage };

export type AnalysisRequest =
  | { readonly type: 'setVolume'; readonly requestId: number; readonly key: string; readonly volume: Volume }
  | { readonly type: 'snap'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly clickMm: Vec3; readonly corner: CornerName }
  | { readonly type: 'propose'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly clickMm: Vec3 }
  | { readonly type: 'detectSpine'; readonly requestId: number; readonly source: ImageSource; readonly planeAxes: PlaneAxes; readonly firstMm: Vec3; readonly lastMm: Vec3 };

/** What each request type answers with when it succeeds. */
export interface AnalysisAnswers {
  readonly setVolume: { readonly key: string };
  readonly snap: SnapResult;
  readonly propose: VertebraProposal;
  readonly detectSpine: SpineProposal;
}

export type AnalysisRequestType = AnalysisRequest['type'];

/** The worker's answer: the result or the analysis's error as a value, and the time the analysis took (ms). */
export type AnalysisResponse =
  | { readonly requestId: number; readonly ok: true; readonly value: AnalysisAnswers[AnalysisRequestType]; readonly analysisMs: number }
  | { readonly requestId: number; readonly ok: false; readonly error: AnalysisError | { readonly code: 'WORKER_ERROR' | 'NO_VOLUME'; readonly message: string }; readonly analysisMs: number };
