/**
 * SR content items (PS3.3 C.17.3 SR Document Content Module) in dcmjs's naturalized form: builders for the writer
 * and defensive accessors for the reader, which must survive any foreign or damaged tree without throwing.
 */
import type { Vec3 } from '../../../measurement';
import { DCMR, type Code } from './codes';
import type { NaturalDataset } from './dicomCodec';
import { formatDs } from './dicomValues';

/** Relationship Type (0040,A010) values used here (PS3.3 C.17.3.2.4). */
export type RelationshipType =
  | 'CONTAINS'
  | 'HAS OBS CONTEXT'
  | 'HAS CONCEPT MOD'
  | 'HAS ACQ CONTEXT'
  | 'HAS PROPERTIES'
  | 'INFERRED FROM'
  | 'SELECTED FROM';

/** A content item, naturalized: keyword → value. */
export type ContentItem = NaturalDataset;

/** A Code Sequence Macro item (PS3.3 Table 8.8-1a) holding `c`. */
export function codeSequence(c: Code): NaturalDataset[] {
  return [{ CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning }];
}

/** A CONTAINER item with SEPARATE continuity; `template` adds a Content Template Sequence (DCMR). */
export function containerItem(
  relationship: RelationshipType,
  concept: Code,
  children: ReadonlyArray<ContentItem>,
  template?: string,
): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: codeSequence(concept),
    ContinuityOfContent: 'SEPARATE',
    ...(template === undefined ? {} : { ContentTemplateSequence: [{ MappingResource: DCMR, TemplateIdentifier: template }] }),
    ContentSequence: [...children],
  };
}

/** A CODE item: `concept` = `value`. */
export function codeItem(relationship: RelationshipType, concept: Code, value: Code): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'CODE',
    ConceptNameCodeSequence: codeSequence(concept),
    ConceptCodeSequence: codeSequence(value),
  };
}

/** A TEXT item. */
export function textItem(relationship: RelationshipType, concept: Code, text: string): ContentItem {
  return { RelationshipType: relationship, ValueType: 'TEXT', ConceptNameCodeSequence: codeSequence(concept), TextValue: text };
}

/** A UIDREF item. */
export function uidRefItem(relationship: RelationshipType, concept: Code, uid: string): ContentItem {
  return { RelationshipType: relationship, ValueType: 'UIDREF', ConceptNameCodeSequence: codeSequence(concept), UID: uid };
}

/**
 * A NUM item: the value as Decimal String (rounded to fit 16 characters) and, beside it, exactly as Floating Point
 * Value (FD), in `unit` (UCUM).
 */
export function numItem(
  relationship: RelationshipType,
  concept: Code,
  value: number,
  unit: Code,
  children: ReadonlyArray<ContentItem> = [],
): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'NUM',
    ConceptNameCodeSequence: codeSequence(concept),
    MeasuredValueSequence: [
      { MeasurementUnitsCodeSequence: codeSequence(unit), NumericValue: formatDs(value), FloatingPointValue: value },
    ],
    ...(children.length === 0 ? {} : { ContentSequence: [...children] }),
  };
}

/** A SCOORD3D item (PS3.3 C.18.9): `points` (mm) in the frame of reference `frameOfReferenceUID`. */
export function scoord3dItem(
  relationship: RelationshipType,
  graphicType: 'POINT' | 'POLYLINE',
  points: ReadonlyArray<Vec3>,
  frameOfReferenceUID: string,
): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'SCOORD3D',
    GraphicType: graphicType,
    GraphicData: points.flatMap((p) => [p[0], p[1], p[2]]),
    ReferencedFrameOfReferenceUID: frameOfReferenceUID,
  };
}

/** An IMAGE item referencing one instance. */
export function imageItem(relationship: RelationshipType, sopClassUID: string, sopInstanceUID: string): ContentItem {
  return {
    RelationshipType: relationship,
    ValueType: 'IMAGE',
    ReferencedSOPSequence: [{ ReferencedSOPClassUID: sopClassUID, ReferencedSOPInstanceUID: sopInstanceUID }],
  };
}

// ── Reading: every accessor tolerates missing, mistyped or odd values ────────────────────────────────────────

/** A value as an array: arrays as they are, undefined/null as [], anything else as a one-element array. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** The items of a sequence attribute that are objects. */
export function itemsOf(dataset: NaturalDataset, keyword: string): NaturalDataset[] {
  return asArray(dataset[keyword]).filter(
    (item): item is NaturalDataset => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

/** A single string value (the first of several), trimmed; '' when absent or not text. */
export function stringOf(dataset: NaturalDataset, keyword: string): string {
  const first = asArray(dataset[keyword])[0];
  if (typeof first === 'string') return first.trim();
  if (typeof first === 'number') return String(first);
  return '';
}

/** The first code of a code sequence attribute; null when absent. */
export function codeOf(dataset: NaturalDataset, keyword: string): Code | null {
  const item = itemsOf(dataset, keyword)[0];
  if (item === undefined) return null;
  return {
    value: stringOf(item, 'CodeValue'),
    scheme: stringOf(item, 'CodingSchemeDesignator'),
    meaning: stringOf(item, 'CodeMeaning'),
  };
}

/** True when `c` has the code value and scheme of `expected` (code meanings may differ between writers). */
export function sameCode(c: Code | null, expected: Code): boolean {
  return c !== null && c.value === expected.value && c.scheme === expected.scheme;
}

/** The concept name of a content item; null when it has none. */
export function conceptOf(item: ContentItem): Code | null {
  return codeOf(item, 'ConceptNameCodeSequence');
}

/** The child content items of `item`. */
export function childrenOf(item: ContentItem): ContentItem[] {
  return itemsOf(item, 'ContentSequence');
}

/** The numbers of a numeric attribute (e.g. Graphic Data); null when any value is not a finite number. */
export function numbersOf(dataset: NaturalDataset, keyword: string): number[] | null {
  const values = asArray(dataset[keyword]).map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v));
  return values.every((v): v is number => typeof v === 'number' && Number.isFinite(v)) ? values : null;
}
