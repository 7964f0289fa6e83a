import { createHash } from 'node:crypto';

/** Seed of every UID this generator writes; changing it changes every UID, nothing else. */
export const UID_SEED = 'vertebral-height-viewer/sample-data/phantom-spine';

/**
 * A DICOM UID under the 2.25 root (ISO/IEC 9834-8: a UUID written as one decimal integer), derived from
 * SHA-256(`UID_SEED`/`name`) so the same name always gives the same UID. The 128 bits are shaped as an RFC 9562
 * version-8 (custom) UUID: version nibble 8, variant bits 10.
 */
export function deterministicUid(name: string): string {
  const bytes = createHash('sha256').update(`${UID_SEED}/${name}`).digest().subarray(0, 16);
  // A SHA-256 digest has 32 bytes, so bytes 6 and 8 of its first 16 always exist (readUInt8 would throw otherwise).
  bytes[6] = (bytes.readUInt8(6) & 0x0f) | 0x80;
  bytes[8] = (bytes.readUInt8(8) & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}
