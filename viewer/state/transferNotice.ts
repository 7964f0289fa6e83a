import type { ForeignAnnotation } from '../model/foreignAnnotation';

/** Import/export outcome for the user: what happened, and what was refused and why. */
export interface TransferNotice {
  kind: 'info' | 'error';
  text: string;
  details: string[];
  /** Measurements of other software found in an imported SR: listed read-only, never graded. */
  foreign?: ReadonlyArray<ForeignAnnotation>;
}
