import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { jpeg2000EndProblem } from '../../viewer/loading/jpeg2000End';
import { parseInstance } from '../../viewer/loading/parseInstance';

const SHARED = fileURLToPath(new URL('../../../shared/dicom', import.meta.url));
/** cornerstone3D's CT slice in JPEG 2000: one 512×512 frame, one fragment ending FF D9. */
const J2K_CT = 'cornerstone3d-testimages/CTImage.dcm_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm';
/** Real JPEG 2000 files whose fragments end with padding after EOC: one FF (GE CT), one 00 (a JP2 file). */
const PADDED_AFTER_EOC = ['cornerstone3d-testimages/CT1_J2KR', 'pydicom-testfiles-edgecases/GDCMJ2K_TextGBR.dcm'];
const hasShared = existsSync(resolve(SHARED, J2K_CT));

const CUT_SHORT = /cut short: it does not end with its end-of-codestream marker \(FFD9\)/;

describe('jpeg2000EndProblem', () => {
  it.each<[string, number[]]>([
    ['a codestream ending with EOC', [0xff, 0x4f, 0xff, 0x51, 0x12, 0xff, 0xd9]],
    ['a codestream with one 00 padding byte after EOC', [0xff, 0x4f, 0x12, 0xff, 0xd9, 0x00]],
    ['a codestream with one FF padding byte after EOC', [0xff, 0x4f, 0x12, 0xff, 0xd9, 0xff]],
  ])('accepts %s', (_name, bytes) => {
    expect(jpeg2000EndProblem(Uint8Array.from(bytes))).toBeNull();
  });

  it.each<[string, number[]]>([
    ['a codestream cut in its tile data', [0xff, 0x4f, 0xff, 0x51, 0x12, 0x34]],
    ['a codestream cut between the two bytes of EOC', [0xff, 0x4f, 0x12, 0xff]],
    ['a codestream cut before EOC and padded with zeros', [0xff, 0x4f, 0x12, 0x34, 0x00, 0x00]],
    ['a D9 not preceded by FF', [0xff, 0x4f, 0x12, 0xd9]],
    ['an empty frame', []],
  ])('refuses %s', (_name, bytes) => {
    expect(jpeg2000EndProblem(Uint8Array.from(bytes))).toMatch(CUT_SHORT);
  });
});

/** The first fragment of a file's pixel data, with where it starts in the file. */
function firstFragment(bytes: Uint8Array): { position: number; length: number } {
  const fragment = dicomParser.parseDicom(bytes).elements.x7fe00010?.fragments?.[0];
  if (!fragment) throw new Error('no fragment');
  return fragment;
}

describe.skipIf(!hasShared)('a real JPEG 2000 file', () => {
  const bytes = hasShared ? new Uint8Array(readFileSync(resolve(SHARED, J2K_CT))) : new Uint8Array();

  it('is read as it is', () => {
    expect(parseInstance('ct-j2k.dcm', bytes).ok).toBe(true);
  });

  it.each(PADDED_AFTER_EOC)('%s, padded after EOC, is read', (relative) => {
    expect(parseInstance(relative, new Uint8Array(readFileSync(resolve(SHARED, relative)))).ok).toBe(true);
  });

  it('is refused at read time, named as cut short, when its codestream loses its last two bytes', () => {
    const cut = bytes.slice();
    const { position, length } = firstFragment(cut);
    // Same length, so the container stays valid: only the codestream's end marker is gone.
    cut.set([0x12, 0x34], position + length - 2);
    const outcome = parseInstance('ct-j2k-cut.dcm', cut);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.message).toMatch(CUT_SHORT);
  });
});
