/** The tissue classes the phantom is made of; each series maps them to its own intensities. */
export const Tissue = {
  air: 0,
  fat: 1,
  softTissue: 2,
  muscle: 3,
  csf: 4,
  spinalCord: 5,
  discAnnulus: 6,
  discNucleus: 7,
  cancellousBone: 8,
  oedematousBone: 9,
  corticalBone: 10,
  posteriorElementBone: 11,
  cement: 12,
} as const;
export type Tissue = (typeof Tissue)[keyof typeof Tissue];
export const TISSUE_COUNT = 13;

type TissueTable = Readonly<Record<keyof typeof Tissue, number>>;

/** CT numbers, HU: typical adult values; cortex 1000 so every endplate point has bright bone 1 mm inward. */
export const CT_HU: TissueTable = {
  air: -1000,
  fat: -100,
  softTissue: 40,
  muscle: 55,
  csf: 15,
  spinalCord: 35,
  discAnnulus: 90,
  discNucleus: 75,
  cancellousBone: 240,
  oedematousBone: 300,
  corticalBone: 1000,
  posteriorElementBone: 700,
  cement: 2800,
};

/** T2-weighted signal, arbitrary units on 12 bits: fluid and fat bright, cortex and cement dark. */
export const MR_T2_SIGNAL: TissueTable = {
  air: 0,
  fat: 900,
  softTissue: 380,
  muscle: 250,
  csf: 1800,
  spinalCord: 700,
  discAnnulus: 350,
  discNucleus: 1250,
  cancellousBone: 600,
  oedematousBone: 1050,
  corticalBone: 100,
  posteriorElementBone: 450,
  cement: 30,
};

/** A table indexed by Tissue value, for the inner loops (values are whole numbers). */
export function tissueLookup(table: TissueTable): Int16Array {
  const lookup = new Int16Array(TISSUE_COUNT);
  for (const [name, index] of Object.entries(Tissue)) lookup[index] = table[name as keyof typeof Tissue];
  return lookup;
}

/**
 * Linear attenuation relative to water at a radiographic effective energy (~60 keV), in thousandths: bone and cement
 * attenuate relatively more than their CT numbers (measured at a higher energy) suggest.
 */
export const XRAY_ATTENUATION_PER_MILLE: TissueTable = {
  air: 0,
  fat: 900,
  softTissue: 1040,
  muscle: 1050,
  csf: 1000,
  spinalCord: 1030,
  discAnnulus: 1080,
  discNucleus: 1070,
  cancellousBone: 1350,
  oedematousBone: 1380,
  corticalBone: 2000,
  posteriorElementBone: 1700,
  cement: 4000,
};
