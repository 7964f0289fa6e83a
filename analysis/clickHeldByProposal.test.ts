import { describe, expect, it } from 'vitest';
import { DRAWN_BODY, drawnMidsagittalPlane, drawnT2Value, placeInDrawnColumn, withPointSpread } from './drawnMidsagittalPlane.testing';
import { proposeVertebra } from './proposeVertebra';
import type { Vec3 } from './vec';

/** A drawn midsagittal T2 column (drawnT2Value; 0.5 mm pixels, noise ±4, an MR's point spread). */
const T2 = drawnMidsagittalPlane(withPointSpread((backMm, upMm) => drawnT2Value(placeInDrawnColumn(backMm, upMm))), 4, 2718);

/** Whether `clickMm` lies within the proposed body: between its walls and its endplates, along and across its axis. */
function holds(proposal: { centreMm: Vec3; cranialAxis: Vec3; depthMm: number; heightsMm: { middleMm: number } }, clickMm: Vec3): boolean {
  const d = [0, 1, 2].map((k) => clickMm[k]! - proposal.centreMm[k]!);
  const up = proposal.cranialAxis;
  const along = d[0]! * up[0] + d[1]! * up[1] + d[2]! * up[2];
  const across = Math.hypot(d[0]! - along * up[0], d[1]! - along * up[1], d[2]! - along * up[2]);
  return Math.abs(along) <= proposal.heightsMm.middleMm / 2 && across <= proposal.depthMm / 2;
}

describe('a click just beyond an endplate, in the disc', () => {
  // Two millimetres into the disc above the middle body, in front of and at mid-depth, the body below was proposed (its
  // superior endplate 2 mm under the click) as the body clicked. A proposal is now a body that holds the click: here the
  // disc itself, read between its two endplates as a body 10 mm high, flagged IMPLAUSIBLE_SIZE.
  it.each([
    [-8, DRAWN_BODY.heightMm / 2 + 2],
    [0, DRAWN_BODY.heightMm / 2 + 2],
    [8, DRAWN_BODY.heightMm / 2 + 2],
    [0, -DRAWN_BODY.heightMm / 2 - 2],
  ] as const)('is declined or answered with a body that holds it (%i mm back, %f mm up)', (backMm, upMm) => {
    const click: Vec3 = [0, backMm, upMm];
    const result = proposeVertebra(T2, click);
    if (result.ok) expect(holds(result.value, click)).toBe(true);
    else expect(result.error.code).toBe('NO_VERTEBRA');
  });
});

describe('a click inside a body', () => {
  it.each([
    [0, 0],
    [-6, 5],
    [6, -5],
  ] as const)('still proposes that body (%i mm back, %i mm up)', (backMm, upMm) => {
    const click: Vec3 = [0, backMm, upMm];
    const result = proposeVertebra(T2, click);
    if (!result.ok) throw new Error(result.error.message);
    expect(holds(result.value, click)).toBe(true);
    expect(Math.abs(result.value.heightsMm.middleMm - DRAWN_BODY.heightMm)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(result.value.depthMm - DRAWN_BODY.depthMm)).toBeLessThanOrEqual(1.5);
  });
});
