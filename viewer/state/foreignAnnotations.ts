import type { ForeignAnnotation } from '../model/foreignAnnotation';

/**
 * A measurement of another viewer read from an imported SR: kept for this session only (never autosaved, never a
 * vertebra, never exported), listed under "From other viewers" and drawn read-only on its image or plane.
 */
export interface ForeignAnnotationEntry {
  /** `${reportSopInstanceUID}#${index in the report}`: importing the same report again replaces its entries. */
  readonly id: string;
  /** The file (or report) it came from, as shown to the user. */
  readonly source: string;
  readonly reportSopInstanceUID: string;
  /** The series the report says it measured (its evidence), tried first when placing 3-D shapes. */
  readonly referencedSeriesInstanceUIDs: ReadonlyArray<string>;
  readonly annotation: ForeignAnnotation;
}
