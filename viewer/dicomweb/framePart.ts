import { boundaryFromContentType, parseContentType, parseMultipart, type ParseOutcome } from './multipart';

/** Implicit VR Little Endian: what a frame without a transfer-syntax parameter is read as (as dicom-image-loader does). */
const DEFAULT_TRANSFER_SYNTAX_UID = '1.2.840.10008.1.2';

/** The transfer syntax a frame's media type implies when it names none (PS3.18 Table 8.7.3-2; dicom-image-loader 5.14). */
const TRANSFER_SYNTAX_BY_MEDIA_TYPE: Readonly<Record<string, string>> = {
  'image/jpeg': '1.2.840.10008.1.2.4.50',
  'image/x-dicom-rle': '1.2.840.10008.1.2.5',
  'image/x-jls': '1.2.840.10008.1.2.4.80',
  'image/jls': '1.2.840.10008.1.2.4.80',
  'image/jll': '1.2.840.10008.1.2.4.70',
  'image/jp2': '1.2.840.10008.1.2.4.90',
  'image/jpx': '1.2.840.10008.1.2.4.92',
  'image/jxl': '1.2.840.10008.1.2.4.110',
  'application/x-deflate': '1.2.840.10008.1.2.8.1',
  'image/jphc': '3.2.840.10008.1.2.4.96',
};

/** One frame of a WADO-RS frames answer: its bytes (a view into the answer, not a copy) and its transfer syntax. */
export interface FramePart {
  readonly pixelData: Uint8Array;
  readonly transferSyntaxUID: string;
  /**
   * Present when the answer was read into a reusable buffer: call it once nothing reads `pixelData` any more (its
   * bytes are copied into the image's own array), and the buffer is reused for another answer. Never call it while
   * an image or a worker may still read the bytes; calling it twice does nothing more.
   */
  readonly release?: () => void;
}

/** The transfer syntax of a frame part's Content-Type: its `transfer-syntax` parameter, else what the type implies. */
export function transferSyntaxOfFrame(contentType: string): string {
  const { mediaType, params } = parseContentType(contentType);
  const declared = params['transfer-syntax'];
  if (declared !== undefined && declared !== '' && declared !== '*') return declared;
  const type = params.type?.toLowerCase();
  return TRANSFER_SYNTAX_BY_MEDIA_TYPE[mediaType] ?? (type === undefined ? undefined : TRANSFER_SYNTAX_BY_MEDIA_TYPE[type]) ?? DEFAULT_TRANSFER_SYNTAX_UID;
}

/**
 * The transfer syntax a frames answer announces in its own Content-Type, before its body is read: a `transfer-syntax`
 * parameter, or a multipart answer's `type` parameter read as the parts' media type (Orthanc 1.10 answers
 * `multipart/related; type="image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90"`); null when it announces none (the
 * part's own header then says, see framePart). A hint to start loading a codec early, never what the frame is read as.
 */
export function transferSyntaxAnnounced(contentType: string): string | null {
  const { mediaType, params } = parseContentType(contentType);
  const declared = params['transfer-syntax'];
  if (declared !== undefined && declared !== '' && declared !== '*') return declared;
  if (!mediaType.startsWith('multipart/')) return transferSyntaxOfFrame(contentType);
  const type = params.type;
  if (type === undefined || type === '') return null;
  const part = parseContentType(type);
  const inner = part.params['transfer-syntax'];
  if (inner !== undefined && inner !== '' && inner !== '*') return inner;
  return TRANSFER_SYNTAX_BY_MEDIA_TYPE[part.mediaType] ?? null;
}

/**
 * The frames of a WADO-RS `frames/N[,M…]` answer (PS3.18 §8.7.3), in the order asked: the parts of a multipart/related
 * body, or the whole body when the server answered with a single part.
 */
export function framePartsOf(contentType: string, body: Uint8Array): ParseOutcome<FramePart[]> {
  const boundary = boundaryFromContentType(contentType);
  if (boundary === null) {
    if (parseContentType(contentType).mediaType.startsWith('multipart/')) return { ok: false, reason: 'the multipart answer names no boundary' };
    return { ok: true, value: [{ pixelData: body, transferSyntaxUID: transferSyntaxOfFrame(contentType) }] };
  }
  const parts = parseMultipart(body, boundary);
  if (!parts.ok) return parts;
  if (parts.value.length === 0) return { ok: false, reason: 'the multipart answer holds no frame' };
  return { ok: true, value: parts.value.map((part) => ({ pixelData: part.body, transferSyntaxUID: transferSyntaxOfFrame(part.headers['content-type'] ?? contentType) })) };
}

/** The first frame of a WADO-RS `frames/N` answer (framePartsOf). */
export function framePartOf(contentType: string, body: Uint8Array): ParseOutcome<FramePart> {
  const parts = framePartsOf(contentType, body);
  return parts.ok ? { ok: true, value: parts.value[0]! } : parts;
}
