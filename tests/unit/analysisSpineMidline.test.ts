import { describe, expect, it } from 'vitest';
import { imageCentreMm } from '../../analysis';
import { midlineXFrom } from '../helpers/sagittalMidline';
import { bodiesMiddleXMm, chestCtAvailable, phantomAvailable, readChestCt, readPhantomSeries, readVerse, verseAvailable } from '../helpers/assistData';

// Where the spine's midline lies beside the sagittal plane a CT opens on (analysis/spineMidline.ts), read as the viewer
// reads it: sagittal planes in the view's axes (towards the back across, the feet down) and axial sections behind the
// bodies, from planes moved across the spine. The references: the phantom's midline (x = 0, drawn symmetric), VerSe's
// expert mask (the bodies' part of T10–L2: the front 45 % of each vertebra's voxels), the chest CT's midsagittal slice
// as read by hand (tests/helpers/assistData.ts CHEST_CT_CENTRES). Real scans skipped when absent.

const HEAVY = { timeout: 120_000 };

describe.skipIf(!phantomAvailable())('the spine\'s midline on the phantom CT', HEAVY, () => {
  const ct = phantomAvailable() ? readPhantomSeries('baseline', 'ct') : null;

  it.each([-16, -8, -3, 0, 3, 8, 16])('is found within half a millimetre of x = 0 from the plane at %i mm', (xMm) => {
    const centre = imageCentreMm(ct!);
    const found = midlineXFrom(ct!, [xMm, centre[1], centre[2]]);
    expect(found).not.toBeNull();
    expect(Math.abs(found!)).toBeLessThanOrEqual(0.5);
  });

  it('is not found from a plane beside the spine that shows no column', () => {
    const centre = imageCentreMm(ct!);
    expect(midlineXFrom(ct!, [60, centre[1], centre[2]])).toBeNull();
  });
});

describe.skipIf(!verseAvailable())('the spine\'s midline on the real VerSe CT (3 mm sagittal slices)', HEAVY, () => {
  const { ct, mask } = verseAvailable() ? readVerse() : { ct: null, mask: null };

  // Its middle slice lies 4–5 mm beside the bodies' middle; planes up to 16 mm off that still show its column with
  // discs or not (the viewer first moves those without to the spine: spinePlaneAmong). The bodies' own middles spread
  // 2.3 mm (T10 44.5, L2 46.8 mm); with the arches alone, the midline lay 2 mm from their mean from four of these planes.
  it.each([-16, -12, -8, -4, 0, 4, 8, 12, 16])('is found within 1 mm of the bodies\' middle (expert mask, T10–L2) from the plane %i mm beside it', (dxMm) => {
    const truthX = bodiesMiddleXMm(mask!, [17, 18, 19, 20, 21]);
    const centre = imageCentreMm(ct!);
    const found = midlineXFrom(ct!, [truthX + dxMm, centre[1], centre[2]]);
    expect(found).not.toBeNull();
    expect(Math.abs(found! - truthX)).toBeLessThanOrEqual(1);
  });
});

describe.skipIf(!chestCtAvailable())('the spine\'s midline on a real contrast chest CT (1.5 mm)', HEAVY, () => {
  const { ct, centres } = chestCtAvailable() ? readChestCt() : { ct: null, centres: [] };

  // Sections through the whole bodies were most symmetric about the enhanced aorta beside them, 27 mm to the left.
  it.each([-12, -8, -4, 0, 4, 8, 12, 16])('is found within 1 mm of the midsagittal slice read by hand from the plane %i mm beside it, not at the aorta', (dxMm) => {
    const truthX = centres[0]!.centreMm[0];
    const centre = imageCentreMm(ct!);
    const found = midlineXFrom(ct!, [truthX + dxMm, centre[1], centre[2]]);
    expect(found).not.toBeNull();
    expect(Math.abs(found! - truthX)).toBeLessThanOrEqual(1);
  });
});
