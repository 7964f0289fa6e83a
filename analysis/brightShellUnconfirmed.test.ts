import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { DRAWN_BODY, drawnMidsagittalPlane, placeInDrawnColumn } from './drawnMidsagittalPlane.testing';
import { seriesHeaderOf, type PlaneImage } from './image';
import { proposeVertebra } from './proposeVertebra';
import { snapPoint } from './snapPoint';

/**
 * A drawn sagittal T1 plane (0.5 mm pixels, signal units) of three bodies 36 mm deep and 26 mm high, stacked with 8 mm
 * discs (330), CSF behind (150), fat in front (1,000), noise ±20. Each body has a 1 mm shell with no signal (50). The
 * upper and lower bodies hold fatty marrow (700); the middle one, centred on (0, 0), an acute fracture's oedema (300:
 * dark on T1, Vande Berg BC et al., Eur Radiol 1998) except for a `rimMm` rim of fatty marrow inside its shell (fat
 * spared under the endplates and walls, or Modic type 2 fat under the endplates): from its core, the first departure
 * from the marrow is brighter, as a CT's cortex is. In plane mm, x runs to the back (y) and y to the feet (−z).
 */
function drawnT1WithFattyRim(rimMm: number): PlaneImage {
  return drawnMidsagittalPlane((backMm, upMm) => t1SignalAt(backMm, upMm, rimMm), 20, 5151);
}

const { depthMm: DEPTH_MM, heightMm: HEIGHT_MM, discMm: DISC_MM } = DRAWN_BODY;
const SHELL_MM = 1;

function t1SignalAt(backMm: number, upMm: number, rimMm: number): number {
  const place = placeInDrawnColumn(backMm, upMm);
  switch (place.kind) {
    case 'behind': return place.beyondMm < 15 ? 150 : 400;
    case 'front': return 1000;
    case 'disc': return 330;
    case 'body':
      if (place.depthInsideMm < SHELL_MM) return 50;
      return place.middle && place.depthInsideMm >= SHELL_MM + rimMm ? 300 : 700;
  }
}

/** The same bodies on CT in Hounsfield units: marrow 200 HU in a 1,000 HU shell, discs 90, CSF 10, fat −100 in front. */
function drawnCt(): PlaneImage {
  return drawnMidsagittalPlane((backMm, upMm) => {
    const t1 = t1SignalAt(backMm, upMm, 0);
    return t1 === 1000 ? -100 : t1 === 150 ? 10 : t1 === 400 ? 40 : t1 === 330 ? 90 : t1 === 50 ? 1000 : 200;
  }, 20, 5151);
}

/** The drawn CT without fat or air (a field cropped to the column, fat replaced by soft tissue at 40 HU). */
function drawnCtWithoutFat(): PlaneImage {
  return drawnMidsagittalPlane((backMm, upMm) => {
    const t1 = t1SignalAt(backMm, upMm, 0);
    return t1 === 1000 ? 40 : t1 === 150 ? 10 : t1 === 400 ? 40 : t1 === 330 ? 90 : t1 === 50 ? 1000 : 200;
  }, 20, 5151);
}

/**
 * The drawn T1 stored with an offset of −1,000 (a rescale intercept, or a scanner's signed storage): MR signal then runs
 * below −50, where the values alone look like fat in Hounsfield units.
 */
function drawnT1Offset(): PlaneImage {
  return drawnMidsagittalPlane((backMm, upMm) => t1SignalAt(backMm, upMm, 2) - 1000, 20, 5151);
}

const MR_HEADER = seriesHeaderOf('MR', undefined)!;
const CT_HEADER = seriesHeaderOf('CT', undefined)!;

describe('a bright shell read on an image not in Hounsfield units', () => {
  it.each([[0, 0], [4, 3], [-4, -3]])(
    'is flagged "check" on a T1 body whose oedematous core has a rim of fatty marrow, from a click at (%i, %i) mm',
    (dy, dz) => {
      const result = proposeVertebra(drawnT1WithFattyRim(2), [0, dy, dz]);
      if (!result.ok) return; // declining is also safe
      if (result.value.polarity === 'darkShell') return; // read as MR: the guard has nothing to guard
      expect(result.value.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
      expect(result.value.reasons.map((r) => r.code)).toContain('BRIGHT_SHELL_UNCONFIRMED');
    },
  );

  it('is read as a bright shell from the centre click there (the case the guard is for)', () => {
    const result = proposeVertebra(drawnT1WithFattyRim(2), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('brightShell');
  });

  it('flags a snapped point on that body too', () => {
    const result = snapPoint(drawnT1WithFattyRim(2), [0, -DEPTH_MM / 2 + 2, HEIGHT_MM / 2 - 2], 'anteriorSuperior');
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.snapped) expect(result.value.reasons.map((r) => r.code)).toContain('BRIGHT_SHELL_UNCONFIRMED');
  });

  it('is not flagged when the caller gives the polarity (it knows the modality)', () => {
    const result = proposeVertebra(drawnT1WithFattyRim(2), [0, 0, 0], { polarity: 'brightShell' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.reasons.map((r) => r.code)).not.toContain('BRIGHT_SHELL_UNCONFIRMED');
  });

  it('leaves a CT in Hounsfield units unflagged, within 1 mm of its height', () => {
    const result = proposeVertebra(drawnCt(), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('brightShell');
    expect(result.value.reasons.map((r) => r.code)).not.toContain('BRIGHT_SHELL_UNCONFIRMED');
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.heightsMm.middleMm - HEIGHT_MM)).toBeLessThanOrEqual(1);
  });

  it('leaves the fatty bodies of the same T1 on the MR path, unflagged by it', () => {
    const result = proposeVertebra(drawnT1WithFattyRim(2), [0, 0, HEIGHT_MM + DISC_MM]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('darkShell');
    expect(result.value.reasons.map((r) => r.code)).not.toContain('BRIGHT_SHELL_UNCONFIRMED');
  });

  it('is still flagged on the fatty-rim body when the header says MR (the modality forces no polarity)', () => {
    const result = proposeVertebra({ ...drawnT1WithFattyRim(2), header: MR_HEADER }, [0, 0, 0]);
    if (!result.ok) return; // declining is also safe
    if (result.value.polarity === 'darkShell') return;
    expect(result.value.confidence).toBeLessThan(CHECK_BELOW_CONFIDENCE);
    expect(result.value.reasons.map((r) => r.code)).toContain('BRIGHT_SHELL_UNCONFIRMED');
  });
});

describe('what the series header says of its values', () => {
  it('is doubted on a CT cropped clear of fat and air when no header says HU', () => {
    const result = proposeVertebra(drawnCtWithoutFat(), [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.reasons.map((r) => r.code)).toContain('BRIGHT_SHELL_UNCONFIRMED');
  });

  it('leaves that CT unflagged, within 1 mm of its height, when its header says CT in HU', () => {
    const result = proposeVertebra({ ...drawnCtWithoutFat(), header: CT_HEADER }, [0, 0, 0]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('brightShell');
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.heightsMm.middleMm - HEIGHT_MM)).toBeLessThanOrEqual(1);
  });

  it('reads a T1 stored below −50 as MR (dark shell, within 1 mm of its height) when its header says MR', () => {
    const result = proposeVertebra({ ...drawnT1Offset(), header: MR_HEADER }, [0, 0, HEIGHT_MM + DISC_MM]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.polarity).toBe('darkShell');
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
    expect(Math.abs(result.value.heightsMm.middleMm - HEIGHT_MM)).toBeLessThanOrEqual(1);
  });

  it('takes that T1 for a CT without a header (why the viewer passes it)', () => {
    const result = proposeVertebra(drawnT1Offset(), [0, 0, HEIGHT_MM + DISC_MM]);
    if (result.ok) expect(result.value.polarity).toBe('brightShell');
  });
});
