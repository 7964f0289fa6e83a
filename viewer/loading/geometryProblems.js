import { numbers, rawString } from './dataSetFields';
import { toOrientation, toSpacing, toVec3 } from './geometryValues';
/** Geometry attributes of a single-frame image whose value, when present, must parse (PS3.3 C.7.6.2, C.7.6.3). */
const GEOMETRY_ATTRIBUTES = [
    { tag: 'x00280030', name: 'Pixel Spacing (0028,0030)', valid: (v) => toSpacing(v) !== null },
    { tag: 'x00200032', name: 'Image Position (Patient) (0020,0032)', valid: (v) => toVec3(v) !== null },
    { tag: 'x00200037', name: 'Image Orientation (Patient) (0020,0037)', valid: (v) => toOrientation(v) !== null },
];
/** Shown values are cut to this many characters: a malformed value can be any length. */
const SHOWN_VALUE_CHARS = 40;
/**
 * Geometry attributes that are present but malformed ("0.7\0é7", "nan", a zero or degenerate orientation), each as a
 * message naming the attribute and its value. Such a slice cannot be placed or measured; the series leaves it out
 * instead of losing its calibration or reformats.
 */
export function malformedGeometryNotes(ds) {
    const notes = [];
    for (const { tag, name, valid } of GEOMETRY_ATTRIBUTES) {
        const raw = rawString(ds, tag).trim();
        if (!raw)
            continue;
        if (!valid(numbers(ds, tag))) {
            const shown = raw.length > SHOWN_VALUE_CHARS ? `${raw.slice(0, SHOWN_VALUE_CHARS)}…` : raw;
            notes.push(`${name} is malformed ("${shown}")`);
        }
    }
    return notes;
}
