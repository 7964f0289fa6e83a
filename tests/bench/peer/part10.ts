import dcmjs from 'dcmjs';
import type { NaturalDataset } from '../../../sample-data/dicomWriter';
import { deterministicUid } from '../../../sample-data/uids';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** JPEG 2000 Image Compression (Lossless Only), PS3.5 §A.4.4. */
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
const IMPLEMENTATION_CLASS_UID = deterministicUid('peer-bench/implementation-class');

/** Pixel data as written: native 16-bit words, or one compressed fragment per frame (encapsulated, PS3.5 §A.4). */
export type PixelPayload =
  | { readonly kind: 'native'; readonly words: Uint16Array }
  | { readonly kind: 'encapsulated'; readonly transferSyntaxUID: string; readonly frame: Uint8Array };

/**
 * A DICOM Part 10 file: dcmjs writes the file meta and every attribute but Pixel Data, which is appended here (it is
 * the dataset's last element) as OW for native data or as an encapsulated OB sequence (empty Basic Offset Table, one
 * fragment, sequence delimiter) for a compressed frame.
 */
export function encodePart10(dataset: NaturalDataset, pixels: PixelPayload): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const transferSyntaxUID = pixels.kind === 'native' ? EXPLICIT_VR_LITTLE_ENDIAN : pixels.transferSyntaxUID;
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: transferSyntaxUID,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'VHV_PEER_BENCH',
  }));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  const header = new Uint8Array(dict.write());
  const element = pixels.kind === 'native' ? nativePixelData(pixels.words) : encapsulatedPixelData(pixels.frame);
  const file = new Uint8Array(header.length + element.length);
  file.set(header, 0);
  file.set(element, header.length);
  return file;
}

/** (7FE0,0010) OW with a 32-bit length, explicit VR little endian. */
function nativePixelData(words: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const out = new Uint8Array(12 + bytes.length);
  const view = new DataView(out.buffer);
  writeTag(view, 0, 0x7fe0, 0x0010);
  out.set([0x4f, 0x57], 4); // 'OW'
  view.setUint32(8, bytes.length, true);
  out.set(bytes, 12);
  return out;
}

/** (7FE0,0010) OB, undefined length: empty Basic Offset Table item, one fragment item (even length), delimiter. */
function encapsulatedPixelData(frame: Uint8Array): Uint8Array {
  const paddedLength = frame.length + (frame.length % 2);
  const out = new Uint8Array(12 + 8 + 8 + paddedLength + 8);
  const view = new DataView(out.buffer);
  writeTag(view, 0, 0x7fe0, 0x0010);
  out.set([0x4f, 0x42], 4); // 'OB'
  view.setUint32(8, 0xffffffff, true);
  writeTag(view, 12, 0xfffe, 0xe000); // Basic Offset Table, empty
  view.setUint32(16, 0, true);
  writeTag(view, 20, 0xfffe, 0xe000);
  view.setUint32(24, paddedLength, true);
  out.set(frame, 28);
  writeTag(view, 28 + paddedLength, 0xfffe, 0xe0dd); // Sequence Delimitation Item
  view.setUint32(32 + paddedLength, 0, true);
  return out;
}

function writeTag(view: DataView, offset: number, group: number, element: number): void {
  view.setUint16(offset, group, true);
  view.setUint16(offset + 2, element, true);
}
