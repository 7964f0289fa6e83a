/**
 * Measurements of other software (OHIF, cornerstone3D viewers, highdicom, …) read from an SR: plain read-only data,
 * shown apart from the vertebrae and never graded.
 */
import type { Vec3 } from '../../measurement';

/**
 * What a foreign measurement is, from its Tracking Identifier (cornerstone3D / OHIF tool name) or, failing that, from
 * the unit of its first value: `length` (Length), `bidirectional` (long and short axis), `angle`, `cobb-angle`,
 * `region` (ellipse, circle, rectangle, freehand), `point` (probe), `arrow` (arrow annotation) or `other`.
 */
export type ForeignAnnotationKind = 'length' | 'bidirectional' | 'angle' | 'cobb-angle' | 'region' | 'point' | 'arrow' | 'other';

/** One measured value of a foreign annotation, e.g. { name: 'Long Axis', value: 31.2, unit: 'mm' }. */
export interface ForeignValue {
  readonly name: string;
  readonly value: number;
  /** UCUM code value as written, e.g. 'mm', 'deg', 'mm2'; '' when the report gives none. */
  readonly unit: string;
}

/**
 * A drawn shape of a foreign annotation: either 2-D on one image (SCOORD: column/row in pixels with (0, 0) at the
 * top-left corner of the top-left pixel, PS3.3 C.18.6.1.1) or 3-D in a frame of reference (SCOORD3D, mm, DICOM LPS).
 */
export type ForeignGraphic =
  | {
      readonly space: 'image';
      /** DICOM Graphic Type, e.g. 'POLYLINE', 'POINT', 'ELLIPSE'. */
      readonly graphicType: string;
      readonly referencedSopInstanceUID: string;
      /** 1-based frame of a multi-frame image; null for a single-frame image. */
      readonly referencedFrameNumber: number | null;
      readonly pointsPx: ReadonlyArray<readonly [number, number]>;
    }
  | {
      readonly space: 'world';
      readonly graphicType: string;
      readonly frameOfReferenceUID: string;
      readonly pointsMm: ReadonlyArray<Vec3>;
    };

/**
 * A measurement of another application (OHIF's Length, Bidirectional, Angle, Cobb angle; highdicom lengths; …) found in
 * an SR. Read-only: it is shown apart from the vertebrae and never graded.
 */
export interface ForeignAnnotation {
  readonly kind: ForeignAnnotationKind;
  /** Its label (Comment, else finding site, else finding); '' when it has none. */
  readonly label: string;
  /** The first measured value and its unit (e.g. a length in mm); null / '' when it has no value. */
  readonly value: number | null;
  readonly unit: string;
  /** Every measured value of the group (a bidirectional has two). */
  readonly values: ReadonlyArray<ForeignValue>;
  readonly graphics: ReadonlyArray<ForeignGraphic>;
  /** Tracking Identifier and Tracking Unique Identifier as written; '' when absent. */
  readonly trackingIdentifier: string;
  readonly trackingUid: string;
}

/** Its value as written, e.g. '42.5 mm' or '87.5 deg'; 'no value' when it has none. */
export function foreignValueText(annotation: ForeignAnnotation): string {
  if (annotation.value === null) return 'no value';
  return `${annotation.value.toFixed(1)}${annotation.unit === '' ? '' : ` ${annotation.unit}`}`;
}

/** Its name: the label, else the kind ('length', 'angle', …). */
export function foreignNameText(annotation: ForeignAnnotation): string {
  return annotation.label === '' ? annotation.kind : annotation.label;
}
