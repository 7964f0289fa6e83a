import * as dicomParser from 'dicom-parser';
import { inflateRaw } from 'pako';
import { kindOfSopClass } from './sopClass';
import { calibrationOf } from './calibration';
import { pixelFormatKeyOf, pixelFormatProblem } from './pixelFormat';
import { pixelDataProblem } from './pixelDataIntegrity';
import { enhancedFrames, enhancedPixelSpacing, enhancedThickness, floatOrNull, intOrNull, orientation, spacing, str, text, vec3, } from './dataSetFields';
import { malformedGeometryNotes } from './geometryProblems';
const DEFLATED_EXPLICIT_LE = '1.2.840.10008.1.2.1.99';
const PART10_PREAMBLE_BYTES = 128;
/** Deflated transfer syntax: dicom-parser asks for the inflated dataset bytes. */
function inflater(byteArray, position) {
    const inflated = inflateRaw(byteArray.subarray(position));
    const out = new Uint8Array(position + inflated.length);
    out.set(byteArray.subarray(0, position), 0);
    out.set(inflated, position);
    return out;
}
function describeParseError(raw) {
    const message = typeof raw === 'string' ? raw
        : raw instanceof Error ? raw.message
            : typeof raw === 'object' && raw !== null && 'exception' in raw ? String(raw.exception)
                : String(raw);
    if (/DICM prefix not found/i.test(message)) {
        return 'not a DICOM Part 10 file (no "DICM" marker at byte 128); if it is a raw DICOM dataset without a file header, export it again from the source system';
    }
    if (/overread|buffer|end of|truncat/i.test(message)) {
        return `the file is truncated or corrupt (${message.replace(/^dicomParser\.\w+: /, '')})`;
    }
    if (/transfer syntax|0002,0010/i.test(message)) {
        return 'the file meta information has no usable Transfer Syntax UID (0002,0010): the pixel encoding cannot be known';
    }
    return `could not be read as DICOM (${message})`;
}
function hasPart10Marker(bytes) {
    return bytes.length >= PART10_PREAMBLE_BYTES + 4
        && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}
function uint16OrNull(ds, tag) {
    const element = ds.elements[tag];
    if (!element || element.length < 2)
        return null;
    return ds.uint16(tag) ?? null;
}
/** The pixel encoding a Part 10 dataset declares. */
export function pixelFormatOf(ds, transferSyntaxUID) {
    return {
        transferSyntaxUID,
        samplesPerPixel: uint16OrNull(ds, 'x00280002'),
        photometricInterpretation: str(ds, 'x00280004'),
        bitsAllocated: uint16OrNull(ds, 'x00280100'),
        bitsStored: uint16OrNull(ds, 'x00280101'),
        highBit: uint16OrNull(ds, 'x00280102'),
        pixelRepresentation: uint16OrNull(ds, 'x00280103'),
        planarConfiguration: uint16OrNull(ds, 'x00280006'),
        pixelDataElement: ds.elements.x7fe00010 ? 'integer' : ds.elements.x7fe00008 ? 'float' : ds.elements.x7fe00009 ? 'double' : 'integer',
        hasPaletteDescriptors: ['x00281101', 'x00281102', 'x00281103'].every((tag) => ds.elements[tag] !== undefined),
    };
}
/**
 * Reads the viewer's metadata from a DICOM Part 10 file.
 * Never throws: a file that is not usable gives `{ ok: false, message }` naming the reason.
 * `parsed`: the same bytes already parsed by dicom-parser (the image loader's dataset cache does it when a local file
 * is registered), so they are not parsed twice; without it the bytes are parsed here.
 */
export function parseInstance(fileName, bytes, parsed) {
    if (!hasPart10Marker(bytes)) {
        return { ok: false, message: describeParseError('DICM prefix not found') };
    }
    let ds;
    try {
        ds = parsed ?? dicomParser.parseDicom(bytes, { inflater });
    }
    catch (raw) {
        return { ok: false, message: describeParseError(raw) };
    }
    const warnings = [];
    // Fall back to the file meta header's Media Storage SOP Class when the dataset leaves it out.
    const sopClassUID = str(ds, 'x00080016') || str(ds, 'x00020002');
    const pixelElement = ds.elements.x7fe00010 ?? ds.elements.x7fe00008 ?? ds.elements.x7fe00009;
    const hasPixelData = pixelElement !== undefined;
    const kind = kindOfSopClass(sopClassUID, hasPixelData);
    const rows = ds.uint16('x00280010') ?? 0;
    const columns = ds.uint16('x00280011') ?? 0;
    const declaredFrames = intOrNull(ds, 'x00280008');
    const numberOfFrames = Math.max(1, declaredFrames ?? 1);
    const transferSyntaxUID = str(ds, 'x00020010');
    if (!sopClassUID && !str(ds, 'x00080060') && !hasPixelData) {
        return { ok: false, message: 'no DICOM identification (SOP Class, modality) or pixel data found: probably not a DICOM object' };
    }
    if (kind === 'image' || (kind === 'other' && rows > 0)) {
        if (!pixelElement)
            return { ok: false, message: 'the image has no pixel data (7FE0,0010): nothing to display' };
        if (!rows || !columns)
            return { ok: false, message: 'the image has no Rows/Columns: its pixel data cannot be interpreted' };
        if (declaredFrames !== null && declaredFrames < 1) {
            return { ok: false, message: `Number of Frames (0028,0008) is ${declaredFrames}: an image has at least one frame` };
        }
        const formatProblem = pixelFormatProblem(pixelFormatOf(ds, transferSyntaxUID));
        if (formatProblem)
            return { ok: false, message: `unsupported pixel format: ${formatProblem}` };
        if (pixelElement.encapsulatedPixelData || transferSyntaxUID !== DEFLATED_EXPLICIT_LE) {
            const problem = pixelDataProblem(ds, pixelElement, { transferSyntaxUID, rows, columns, numberOfFrames });
            if (problem)
                return { ok: false, message: problem };
        }
    }
    const pixelFormatKey = kind === 'image' ? pixelFormatKeyOf(pixelFormatOf(ds, transferSyntaxUID)) : '';
    const enhanced = numberOfFrames > 1 || ds.elements.x52009229 ? enhancedFrames(ds, numberOfFrames) : null;
    const ownPlane = { positionMm: vec3(ds, 'x00200032'), orientation: orientation(ds) };
    const frames = enhanced ?? Array.from({ length: numberOfFrames }, () => ownPlane);
    const pixelSpacingMm = spacing(ds, 'x00280030') ?? enhancedPixelSpacing(ds);
    const imagerPixelSpacingMm = spacing(ds, 'x00181164');
    const calibration = calibrationOf(sopClassUID, pixelSpacingMm, imagerPixelSpacingMm, str(ds, 'x00280a02'));
    const malformed = kind === 'image' ? malformedGeometryNotes(ds) : [];
    for (const note of malformed)
        warnings.push(`${note}: the value is ignored`);
    if (kind === 'image' && calibration !== 'calibrated') {
        warnings.push(calibration === 'detector'
            ? 'spacing is known only at the detector (ImagerPixelSpacing, no patient calibration): lengths are shown in pixels and marked "uncalibrated"'
            : 'no pixel spacing: lengths are shown in pixels and marked "uncalibrated"');
    }
    const meta = {
        fileName,
        sopClassUID,
        sopInstanceUID: str(ds, 'x00080018'),
        transferSyntaxUID,
        kind,
        patientName: text(ds, 'x00100010'),
        patientId: text(ds, 'x00100020'),
        patientBirthDate: str(ds, 'x00100030'),
        patientSex: str(ds, 'x00100040'),
        studyInstanceUID: str(ds, 'x0020000d'),
        studyDate: str(ds, 'x00080020'),
        studyTime: str(ds, 'x00080030'),
        studyDescription: text(ds, 'x00081030'),
        accessionNumber: text(ds, 'x00080050'),
        studyId: text(ds, 'x00200010'),
        referringPhysicianName: text(ds, 'x00080090'),
        seriesInstanceUID: str(ds, 'x0020000e'),
        seriesNumber: intOrNull(ds, 'x00200011'),
        seriesDescription: text(ds, 'x0008103e'),
        modality: str(ds, 'x00080060'),
        instanceNumber: intOrNull(ds, 'x00200013'),
        frameOfReferenceUID: str(ds, 'x00200052'),
        rows,
        columns,
        numberOfFrames,
        frames,
        pixelSpacingMm,
        imagerPixelSpacingMm,
        calibration,
        sliceThicknessMm: floatOrNull(ds, 'x00180050') ?? enhancedThickness(ds),
        windowCenter: floatOrNull(ds, 'x00281050'),
        windowWidth: floatOrNull(ds, 'x00281051'),
        photometricInterpretation: str(ds, 'x00280004'),
        hasPixelData,
        ...(malformed.length > 0 ? { malformedGeometry: malformed } : {}),
        ...(pixelFormatKey ? { pixelFormatKey } : {}),
    };
    return { ok: true, meta, warnings };
}
