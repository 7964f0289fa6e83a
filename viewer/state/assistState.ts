/** How the image analysis helps the height tool: not at all, snapping each click, or one click per vertebra. */
export type AssistMode = 'off' | 'snap' | 'click';

export const ASSIST_MODES: readonly AssistMode[] = ['off', 'snap', 'click'];

/** Where "Detect vertebrae" is: waiting for the first body's centre, or for the last one's (first click kept, mm). */
export type SpineDetection = { readonly step: 'first' } | { readonly step: 'last'; readonly firstMm: readonly [number, number, number]; readonly viewportId: string };

/** The last analysis timing, for the benchmark figures (ms, in the worker, excluding message passing). */
export interface AssistTiming {
  readonly kind: 'snap' | 'vertebra' | 'spine';
  readonly analysisMs: number;
  /** From the click to the result on the page, ms. */
  readonly roundTripMs: number;
  readonly vertebrae: number;
}

/** The image-analysis assistance slice. */
export interface AssistState {
  readonly mode: AssistMode;
  readonly detection: SpineDetection | null;
  /** Requests sent to the analysis worker and not answered yet. */
  readonly pending: number;
  /** Why the last request proposed nothing (a sentence for the clinician), or what it did; null when nothing to say. */
  readonly notice: { readonly kind: 'info' | 'error'; readonly message: string } | null;
  readonly lastTiming: AssistTiming | null;
}

export const INITIAL_ASSIST: AssistState = { mode: 'off', detection: null, pending: 0, notice: null, lastTiming: null };
