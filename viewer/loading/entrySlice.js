import { numberValue, stringValue, values } from '../dicomweb/dicomJson';
import { hasEntryCodec } from './compressedFrame';
import { instanceMetaFromDicomJson } from './dicomJsonMeta';
/** Implicit and Explicit VR Little Endian: a frame's bytes are its pixel values, nothing to decompress. */
const NATIVE_LITTLE_ENDIAN = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
/**
 * Modalities whose shown values are not the modality rescale alone: cornerstone's loader scales PET to SUV and RT
 * Dose by its grid scaling (dicom-image-loader `getScalingParameters`).
 */
const SCALED_MODALITIES = new Set(['PT', 'RTDOSE']);
function numbersOf(json, tag) {
    return values(json, tag).map(Number);
}
function finiteList(list, count) {
    return list.length === count && list.every(Number.isFinite);
}
/**
 * The early view's metadata as the viewer keeps it, when its slice may be laid out as an early view: a calibrated
 * single-frame image of the series (what an MPR plan would show); null otherwise. actions/pacs.ts lays out an early
 * view only for such a slice, and the entry chunk draws only such a slice, so what it draws has a view to go to.
 */
export function earlyViewMeta(slice) {
    const meta = instanceMetaFromDicomJson(slice.metadata, `PACS ${slice.seriesUID.slice(-8)}/${slice.sopUID.slice(-12)}`);
    return meta.kind === 'image' && meta.numberOfFrames === 1 && meta.calibration === 'calibrated' && meta.seriesInstanceUID === slice.seriesUID ? meta : null;
}
/**
 * What drawing `metadata`'s frame (of `transferSyntaxUID`, as the server sent it) needs, when it can be drawn exactly
 * as cornerstone 5.14's volume viewport will show it, with the entry's codecs (the ones cornerstone decodes those
 * syntaxes with); the reason otherwise. Left out, for the viewer's own path once its code has loaded: syntaxes the
 * entry has no codec for (JPEG baseline, JPEG-XL, deflate, big endian), colour, MONOCHROME1
 * (cornerstone's volume viewport does not invert it: drawn inverted it would flip at the hand-over, drawn as stored it
 * would be wrong), 8-bit signed or other bit depths, a Modality or VOI LUT sequence, a VOI LUT function other than
 * LINEAR, PET and RT Dose scaling, a fractional rescale (the volume's data type then depends on the GPU's float
 * textures), multi-frame, and a slice without spacing or geometry.
 */
export function entryGreyscaleSlice(metadata, transferSyntaxUID) {
    const fail = (reason) => ({ ok: false, reason });
    const native = NATIVE_LITTLE_ENDIAN.has(transferSyntaxUID);
    if (!native && !hasEntryCodec(transferSyntaxUID))
        return fail(`no codec in the entry for transfer syntax ${transferSyntaxUID || '(none)'}`);
    if ((numberValue(metadata, '00280002') ?? 0) !== 1)
        return fail('not one sample per pixel');
    const photometric = stringValue(metadata, '00280004');
    if (photometric !== 'MONOCHROME2')
        return fail(`photometric interpretation ${photometric || '(none)'}`);
    if ((numberValue(metadata, '00280008') ?? 1) !== 1)
        return fail('several frames');
    if (SCALED_MODALITIES.has(stringValue(metadata, '00080060')))
        return fail('a scaled modality');
    if (values(metadata, '00283000').length > 0 || values(metadata, '00283010').length > 0)
        return fail('a LUT sequence');
    const voiFunction = stringValue(metadata, '00281056').toUpperCase();
    if (voiFunction !== '' && voiFunction !== 'LINEAR')
        return fail(`VOI LUT function ${voiFunction}`);
    const format = {
        rows: numberValue(metadata, '00280010') ?? 0,
        columns: numberValue(metadata, '00280011') ?? 0,
        bitsAllocated: numberValue(metadata, '00280100') ?? 0,
        bitsStored: numberValue(metadata, '00280101') ?? 0,
        pixelRepresentation: numberValue(metadata, '00280103') ?? 0,
    };
    if (!(format.rows > 0 && format.columns > 0))
        return fail('no size');
    if (format.bitsAllocated !== 16 && !(format.bitsAllocated === 8 && format.pixelRepresentation === 0))
        return fail(`${format.bitsAllocated}-bit pixels`);
    const slope = numberValue(metadata, '00281053') ?? 1;
    const intercept = numberValue(metadata, '00281052') ?? 0;
    if (!Number.isInteger(slope) || !Number.isInteger(intercept) || slope === 0)
        return fail('a fractional or zero rescale');
    const orientation = numbersOf(metadata, '00200037');
    const position = numbersOf(metadata, '00200032');
    const spacing = numbersOf(metadata, '00280030');
    if (!finiteList(orientation, 6) || !finiteList(position, 3) || !finiteList(spacing, 2))
        return fail('no geometry');
    const [rowSpacingMm = 0, columnSpacingMm = 0] = spacing;
    if (!(rowSpacingMm > 0 && columnSpacingMm > 0))
        return fail('no pixel spacing');
    const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = orientation;
    // cornerstone's VOI module: the first WindowCenter and WindowWidth; used when both are there and the width is not 0
    // (setDefaultVolumeVOI), else the slice's range is.
    const center = numbersOf(metadata, '00281050')[0];
    const width = numbersOf(metadata, '00281051')[0];
    const storedWindow = center !== undefined && width !== undefined && Number.isFinite(center) && Number.isFinite(width) && width !== 0 ? { center, width } : null;
    return {
        ok: true,
        value: {
            native,
            format,
            rescale: { slope, intercept },
            storedWindow,
            rowDirection: [rx, ry, rz],
            columnDirection: [cx, cy, cz],
            columnSpacingMm,
            rowSpacingMm,
            positionMm: [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0],
        },
    };
}
