import { DCMR } from './codes';
import { formatDs } from './dicomValues';
/** A Code Sequence Macro item (PS3.3 Table 8.8-1a) holding `c`. */
export function codeSequence(c) {
    return [{ CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning }];
}
/** A CONTAINER item with SEPARATE continuity; `template` adds a Content Template Sequence (DCMR). */
export function containerItem(relationship, concept, children, template) {
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
export function codeItem(relationship, concept, value) {
    return {
        RelationshipType: relationship,
        ValueType: 'CODE',
        ConceptNameCodeSequence: codeSequence(concept),
        ConceptCodeSequence: codeSequence(value),
    };
}
/** A TEXT item. */
export function textItem(relationship, concept, text) {
    return { RelationshipType: relationship, ValueType: 'TEXT', ConceptNameCodeSequence: codeSequence(concept), TextValue: text };
}
/** A UIDREF item. */
export function uidRefItem(relationship, concept, uid) {
    return { RelationshipType: relationship, ValueType: 'UIDREF', ConceptNameCodeSequence: codeSequence(concept), UID: uid };
}
/**
 * A NUM item: the value as Decimal String (rounded to fit 16 characters) and, beside it, exactly as Floating Point
 * Value (FD), in `unit` (UCUM).
 */
export function numItem(relationship, concept, value, unit, children = []) {
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
export function scoord3dItem(relationship, graphicType, points, frameOfReferenceUID) {
    return {
        RelationshipType: relationship,
        ValueType: 'SCOORD3D',
        GraphicType: graphicType,
        GraphicData: points.flatMap((p) => [p[0], p[1], p[2]]),
        ReferencedFrameOfReferenceUID: frameOfReferenceUID,
    };
}
/** An IMAGE item referencing one instance. */
export function imageItem(relationship, sopClassUID, sopInstanceUID) {
    return {
        RelationshipType: relationship,
        ValueType: 'IMAGE',
        ReferencedSOPSequence: [{ ReferencedSOPClassUID: sopClassUID, ReferencedSOPInstanceUID: sopInstanceUID }],
    };
}
// ── Reading: every accessor tolerates missing, mistyped or odd values ────────────────────────────────────────
/** A value as an array: arrays as they are, undefined/null as [], anything else as a one-element array. */
export function asArray(value) {
    if (Array.isArray(value))
        return value;
    return value === undefined || value === null ? [] : [value];
}
/** The items of a sequence attribute that are objects. */
export function itemsOf(dataset, keyword) {
    return asArray(dataset[keyword]).filter((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
}
/** A single string value (the first of several), trimmed; '' when absent or not text. */
export function stringOf(dataset, keyword) {
    const first = asArray(dataset[keyword])[0];
    if (typeof first === 'string')
        return first.trim();
    if (typeof first === 'number')
        return String(first);
    return '';
}
/** The first code of a code sequence attribute; null when absent. */
export function codeOf(dataset, keyword) {
    const item = itemsOf(dataset, keyword)[0];
    if (item === undefined)
        return null;
    return {
        value: stringOf(item, 'CodeValue'),
        scheme: stringOf(item, 'CodingSchemeDesignator'),
        meaning: stringOf(item, 'CodeMeaning'),
    };
}
/** True when `c` has the code value and scheme of `expected` (code meanings may differ between writers). */
export function sameCode(c, expected) {
    return c !== null && c.value === expected.value && c.scheme === expected.scheme;
}
/** The concept name of a content item; null when it has none. */
export function conceptOf(item) {
    return codeOf(item, 'ConceptNameCodeSequence');
}
/** The child content items of `item`. */
export function childrenOf(item) {
    return itemsOf(item, 'ContentSequence');
}
/** The numbers of a numeric attribute (e.g. Graphic Data); null when any value is not a finite number. */
export function numbersOf(dataset, keyword) {
    const values = asArray(dataset[keyword]).map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v));
    return values.every((v) => typeof v === 'number' && Number.isFinite(v)) ? values : null;
}
