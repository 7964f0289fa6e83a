import dcmjs from 'dcmjs';
import { deterministicUid } from './uids';
import { GENERATOR_VERSION } from './generatorVersion';

/** A dataset keyed by DICOM attribute keyword (dcmjs's "naturalized" form); values are strings, numbers or arrays. */
export type NaturalDataset = Record<string, unknown>;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = deterministicUid('implementation-class');
/** SH, at most 16 characters. */
const IMPLEMENTATION_VERSION_NAME = `PHANTOM_${GENERATOR_VERSION}`.slice(0, 16);

/**
 * A Decimal String value (VR DS, at most 16 characters) for `value`: rounded to 6 decimals and trimmed, so that
 * 0.1 + 0.2 is written "0.3" and not "0.30000000000000004" (dcmjs would otherwise truncate it its own way).
 */
export function formatDs(value: number): string {
  for (let decimals = 6; decimals >= 0; decimals -= 1) {
    const text = String(Number(value.toFixed(decimals)));
    if (text.length <= 16) return text === '-0' ? '0' : text;
  }
  throw new RangeError(`formatDs: ${value} does not fit in 16 characters`);
}

/**
 * Encodes a dataset as a DICOM Part 10 file in explicit VR little endian with a file meta header. Pixel data is given
 * as 16-bit words and written OW. The dataset must hold SOPClassUID and SOPInstanceUID.
 */
export function encodePart10(dataset: NaturalDataset, pixelData: Uint16Array): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const bytes = pixelData.buffer.slice(pixelData.byteOffset, pixelData.byteOffset + pixelData.byteLength);
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset({
    ...dataset,
    PixelData: [bytes],
    _vrMap: { PixelData: 'OW' },
  });
  return new Uint8Array(dict.write());
}
