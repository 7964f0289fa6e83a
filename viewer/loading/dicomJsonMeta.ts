import { numberValue, personName, sequenceItems, stringValue, values } from '../dicomweb/dicomJson';
import type { FramePlane, InstanceMeta, Orientation6, Vec3 } from './instanceMeta';
import { kindOfSopClass } from './sopClass';
import { calibrationOf } from './calibration';
import { pixelFormatKeyOf } from './pixelFormat';
import { toOrientation, toSpacing, toVec3 } from './geometryValues';

function numbers(json: unknown, tag: string): number[] {
  return values(json, tag).map((v) => (typeof v === 'number' ? v : Number(v))).filter((v) => Number.isFinite(v));
}

function vec3(json: unknown, tag: string): Vec3 | null {
  return toVec3(numbers(json, tag));
}

function orientation(json: unknown): Orientation6 | null {
  return toOrientation(numbers(json, '00200037'));
}

function spacing(json: unknown, tag: string): readonly [number, number] | null {
  return toSpacing(numbers(json, tag));
}

function first(json: unknown, tag: string): Record<string, unknown> | undefined {
  return sequenceItems(json, tag)[0];
}

/** Frame planes of an enhanced multi-frame object (per-frame groups first, then shared), as for a Part 10 file. */
function framesOf(json: unknown, frameCount: number): FramePlane[] {
  const shared = first(json, '52009229');
  const perFrame = sequenceItems(json, '52009230');
  if (!shared && perFrame.length === 0) {
    const plane = { positionMm: vec3(json, '00200032'), orientation: orientation(json) };
    return Array.from({ length: frameCount }, () => plane);
  }
  const sharedOrientation = orientation(first(shared, '00209116'));
  return Array.from({ length: frameCount }, (_, i) => ({
    positionMm: vec3(first(perFrame[i], '00209113'), '00200032') ?? vec3(first(shared, '00209113'), '00200032'),
    orientation: orientation(first(perFrame[i], '00209116')) ?? sharedOrientation,
  }));
}

/**
 * The Pixel Measures items of an enhanced multi-frame object, the shared one first, then the first frame's own (some
 * MR scanners write them per frame; frames of one size, as a volume needs, share them).
 */
function pixelMeasures(json: unknown): Array<Record<string, unknown> | undefined> {
  return [first(first(json, '52009229'), '00289110'), first(sequenceItems(json, '52009230')[0], '00289110')];
}

/** The pixel format key (see pixelFormatKeyOf) of an instance from its DICOM JSON. */
function pixelFormatKeyOfJson(json: unknown): string {
  return pixelFormatKeyOf({
    transferSyntaxUID: stringValue(json, '00020010'),
    samplesPerPixel: numberValue(json, '00280002'),
    photometricInterpretation: stringValue(json, '00280004'),
    bitsAllocated: numberValue(json, '00280100'),
    bitsStored: numberValue(json, '00280101'),
    highBit: numberValue(json, '00280102'),
    pixelRepresentation: numberValue(json, '00280103'),
    planarConfiguration: numberValue(json, '00280006'),
    pixelDataElement: 'integer',
    hasPaletteDescriptors: false,
  });
}

/**
 * The viewer's metadata of an instance from its DICOM JSON (WADO-RS metadata), the same fields a local file gives.
 * `fileName` names it in messages: the server and SOP instance.
 */
export function instanceMetaFromDicomJson(json: unknown, fileName: string): InstanceMeta {
  const sopClassUID = stringValue(json, '00080016');
  const hasPixelData = values(json, '7FE00010').length > 0 || Boolean((json as Record<string, { BulkDataURI?: string }>)?.['7FE00010']?.BulkDataURI)
    || numberValue(json, '00280010') !== null;
  const numberOfFrames = Math.max(1, numberValue(json, '00280008') ?? 1);
  const [sharedMeasures, frameMeasures] = pixelMeasures(json);
  const pixelSpacingMm = spacing(json, '00280030') ?? spacing(sharedMeasures, '00280030') ?? spacing(frameMeasures, '00280030');
  const imagerPixelSpacingMm = spacing(json, '00181164');
  return {
    fileName,
    sopClassUID,
    sopInstanceUID: stringValue(json, '00080018'),
    transferSyntaxUID: stringValue(json, '00020010'),
    kind: kindOfSopClass(sopClassUID, hasPixelData),
    patientName: personName(json, '00100010'),
    patientId: stringValue(json, '00100020'),
    patientBirthDate: stringValue(json, '00100030'),
    patientSex: stringValue(json, '00100040'),
    studyInstanceUID: stringValue(json, '0020000D'),
    studyDate: stringValue(json, '00080020'),
    studyTime: stringValue(json, '00080030'),
    studyDescription: stringValue(json, '00081030'),
    accessionNumber: stringValue(json, '00080050'),
    studyId: stringValue(json, '00200010'),
    referringPhysicianName: personName(json, '00080090'),
    seriesInstanceUID: stringValue(json, '0020000E'),
    seriesNumber: numberValue(json, '00200011'),
    seriesDescription: stringValue(json, '0008103E'),
    modality: stringValue(json, '00080060'),
    instanceNumber: numberValue(json, '00200013'),
    frameOfReferenceUID: stringValue(json, '00200052'),
    rows: numberValue(json, '00280010') ?? 0,
    columns: numberValue(json, '00280011') ?? 0,
    numberOfFrames,
    frames: framesOf(json, numberOfFrames),
    pixelSpacingMm,
    imagerPixelSpacingMm,
    calibration: calibrationOf(sopClassUID, pixelSpacingMm, imagerPixelSpacingMm, stringValue(json, '00280A02')),
    sliceThicknessMm: numberValue(json, '00180050') ?? numberValue(sharedMeasures, '00180050') ?? numberValue(frameMeasures, '00180050'),
    windowCenter: numberValue(json, '00281050'),
    windowWidth: numberValue(json, '00281051'),
    photometricInterpretation: stringValue(json, '00280004'),
    hasPixelData,
    ...(kindOfSopClass(sopClassUID, hasPixelData) === 'image' ? { pixelFormatKey: pixelFormatKeyOfJson(json) } : {}),
  };
}
