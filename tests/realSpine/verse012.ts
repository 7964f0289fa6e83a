import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readNifti, type NiftiVolume } from './nifti';

/**
 * The real VerSe 2019 CT `sub-verse012` (severe L1 fracture) in ../shared/real-spine/, never copied into the project;
 * see its README for the licence (CC BY-SA 4.0) and citations. $VERSE012_DIR points elsewhere (e.g. to an absent
 * folder, to check that the tests skip).
 */
export const VERSE012_DIR =
  process.env.VERSE012_DIR ?? fileURLToPath(new URL('../../../shared/real-spine/verse19-sub-verse012', import.meta.url));
export const VERSE012_CT = `${VERSE012_DIR}/sub-verse012_ct.nii.gz`;
export const VERSE012_MASK = `${VERSE012_DIR}/sub-verse012_seg-vert_msk.nii.gz`;

/** True when both files are present (tests skip without them). */
export const hasVerse012 = existsSync(VERSE012_CT) && existsSync(VERSE012_MASK);

/** The expert mask's label of each vertebra (VerSe: 17 = T10 … 22 = L3). */
export const VERSE012_LABELS = { T10: 17, T11: 18, T12: 19, L1: 20, L2: 21, L3: 22 } as const;

/** The expert Genant grades of the VerSe 2019 fracture grading (README of ../shared/real-spine). */
export const VERSE012_EXPERT_GRADES = { T10: 0, T11: 0, T12: 0, L1: 3, L2: 0, L3: 1 } as const;

/** Reads the CT and the mask. */
export function readVerse012(): { readonly ct: NiftiVolume; readonly mask: NiftiVolume } {
  return {
    ct: readNifti(readFileSync(VERSE012_CT), 'sub-verse012_ct.nii.gz'),
    mask: readNifti(readFileSync(VERSE012_MASK), 'sub-verse012_seg-vert_msk.nii.gz'),
  };
}
