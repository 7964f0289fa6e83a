import { COMMENT, CORNERSTONE3D_TRACKING_PREFIX, CORNERSTONE_LEGACY_TRACKING_PREFIX, CORNERSTONE_TEXT_POSITION, FINDING, FINDING_SITE, FINDING_SITE_SRT, LENGTH, TRACKING_IDENTIFIER, TRACKING_UNIQUE_IDENTIFIER, UCUM_LENGTH_UNITS, UNIT_DEGREE, } from './codes';
import { childrenOf, codeOf, conceptOf, itemsOf, numbersOf, sameCode, stringOf } from './contentItems';
/** cornerstone3D / OHIF tool names (the part after the tracking prefix) and what they measure. */
const KIND_BY_TOOL = {
    Length: 'length',
    Bidirectional: 'bidirectional',
    Angle: 'angle',
    CobbAngle: 'cobb-angle',
    EllipticalRoi: 'region',
    EllipticalROI: 'region',
    CircleROI: 'region',
    CircleRoi: 'region',
    RectangleROI: 'region',
    RectangleRoi: 'region',
    PlanarFreehandROI: 'region',
    FreehandRoi: 'region',
    Probe: 'point',
    ArrowAnnotate: 'arrow',
};
/** The tool name of a cornerstone3D (or legacy cornerstoneTools) tracking identifier; null for any other. */
function cornerstoneToolName(trackingIdentifier) {
    for (const prefix of [CORNERSTONE3D_TRACKING_PREFIX, CORNERSTONE_LEGACY_TRACKING_PREFIX]) {
        if (trackingIdentifier.startsWith(prefix))
            return trackingIdentifier.slice(prefix.length).split(':')[0] ?? null;
    }
    return null;
}
function kindOf(trackingIdentifier, values, firstConcept) {
    const tool = cornerstoneToolName(trackingIdentifier);
    const byTool = tool === null ? undefined : KIND_BY_TOOL[tool];
    if (byTool !== undefined)
        return byTool;
    const first = values[0];
    if (first === undefined)
        return 'other';
    if ((firstConcept !== undefined && sameCode(conceptOf(firstConcept), LENGTH)) || UCUM_LENGTH_UNITS.has(first.unit))
        return 'length';
    if (first.unit === UNIT_DEGREE.value)
        return 'angle';
    return 'other';
}
function valueOf(num) {
    const measured = itemsOf(num, 'MeasuredValueSequence')[0];
    if (measured === undefined)
        return null;
    const exact = numbersOf(measured, 'FloatingPointValue')?.[0];
    const decimal = numbersOf(measured, 'NumericValue')?.[0];
    const value = exact ?? decimal;
    if (value === undefined)
        return null;
    const unit = codeOf(measured, 'MeasurementUnitsCodeSequence');
    return { name: conceptOf(num)?.meaning ?? '', value, unit: unit?.value ?? '' };
}
function isGraphic(item) {
    const valueType = stringOf(item, 'ValueType');
    return (valueType === 'SCOORD' || valueType === 'SCOORD3D') && !sameCode(conceptOf(item), CORNERSTONE_TEXT_POSITION);
}
function graphicOf(item) {
    const data = numbersOf(item, 'GraphicData');
    const graphicType = stringOf(item, 'GraphicType');
    if (data === null || data.length === 0)
        return null;
    if (stringOf(item, 'ValueType') === 'SCOORD3D') {
        if (data.length % 3 !== 0)
            return null;
        const pointsMm = [];
        for (let i = 0; i + 2 < data.length; i += 3)
            pointsMm.push([data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0]);
        return { space: 'world', graphicType, frameOfReferenceUID: stringOf(item, 'ReferencedFrameOfReferenceUID'), pointsMm };
    }
    if (data.length % 2 !== 0)
        return null;
    const image = childrenOf(item).find((c) => stringOf(c, 'ValueType') === 'IMAGE');
    const reference = image === undefined ? undefined : itemsOf(image, 'ReferencedSOPSequence')[0];
    const referencedSopInstanceUID = reference === undefined ? '' : stringOf(reference, 'ReferencedSOPInstanceUID');
    if (referencedSopInstanceUID === '')
        return null; // a 2-D shape on no known image cannot be placed
    const frame = reference === undefined ? undefined : numbersOf(reference, 'ReferencedFrameNumber')?.[0];
    const pointsPx = [];
    for (let i = 0; i + 1 < data.length; i += 2)
        pointsPx.push([data[i] ?? 0, data[i + 1] ?? 0]);
    return { space: 'image', graphicType, referencedSopInstanceUID, referencedFrameNumber: frame ?? null, pointsPx };
}
function labelOf(items) {
    const comment = items.find((c) => sameCode(conceptOf(c), COMMENT) && stringOf(c, 'ValueType') === 'TEXT');
    if (comment !== undefined && stringOf(comment, 'TextValue') !== '')
        return stringOf(comment, 'TextValue');
    for (const concept of [FINDING_SITE, FINDING_SITE_SRT, FINDING]) {
        const item = items.find((c) => sameCode(conceptOf(c), concept));
        const meaning = item === undefined ? '' : (codeOf(item, 'ConceptCodeSequence')?.meaning ?? '');
        if (meaning !== '')
            return meaning;
    }
    return '';
}
/**
 * The foreign annotation that `group` (a TID 1501 measurement group) holds; null when it holds neither a value nor a
 * shape. Values come from the group's NUM items; shapes from SCOORD / SCOORD3D items in the group (TID 1410 style)
 * and those each NUM is INFERRED FROM (cornerstone3D style); cornerstone3D's text-box position is not a shape.
 */
export function readForeignAnnotation(group) {
    const items = childrenOf(group);
    const nums = items.filter((c) => stringOf(c, 'ValueType') === 'NUM');
    const values = nums.map(valueOf).filter((v) => v !== null);
    const graphicItems = [...items.filter(isGraphic), ...nums.flatMap((num) => childrenOf(num).filter(isGraphic))];
    const graphics = graphicItems.map(graphicOf).filter((g) => g !== null);
    if (values.length === 0 && graphics.length === 0)
        return null;
    const trackingIdentifier = stringOf(items.find((c) => sameCode(conceptOf(c), TRACKING_IDENTIFIER)) ?? {}, 'TextValue');
    const trackingUid = stringOf(items.find((c) => sameCode(conceptOf(c), TRACKING_UNIQUE_IDENTIFIER)) ?? {}, 'UID');
    const first = values[0];
    return {
        kind: kindOf(trackingIdentifier, values, nums[0]),
        label: labelOf(items),
        value: first?.value ?? null,
        unit: first?.unit ?? '',
        values,
        graphics,
        trackingIdentifier,
        trackingUid,
    };
}
