import { describe, expect, it } from 'vitest';
import type { BodyFrame } from './bodyFrame';
import { drawnCtColumnValue, drawnMidsagittalPlane, type DrawnCtColumn } from './drawnMidsagittalPlane.testing';
import { fitEndplateLines } from './endplateLine';
import { planeViewOf } from './planeView';

// A drawn midsagittal CT column (bodies 36 mm deep and 26 mm tall, 8 mm discs, a 1 mm shell of 700 HU around 200 HU
// marrow, ±20 HU noise) and the body at the origin located as a box would locate it: walls 18 mm either side of its
// centre, endplates where `superiorMm` and `inferiorMm` say. On a real CT a box can stop at a line in the marrow some
// millimetres inside an endplate (the chest CT's T10, tests/unit/analysisChestCt.test.ts); the endplate's line is then
// looked for within 5 mm of the box's side first, and further out only where nothing there shows as an endplate.

const COLUMN: DrawnCtColumn = {
  depthMm: 36,
  anteriorMm: 26,
  posteriorMm: 26,
  discMm: 8,
  cortexMm: 1,
  marrowHu: 200,
  cortexHu: 700,
  discHu: 80,
  inFront: () => 40,
};
const HALF_HEIGHT_MM = 13;
/** A line is found within its tube (±1.5 mm, endplateLine.ts) of the edge; the points are read on the edge after it. */
const LINE_TOLERANCE_MM = 2;

function linesWithFrameAt(superiorMm: number, inferiorMm: number) {
  const image = drawnMidsagittalPlane((backMm, upMm) => drawnCtColumnValue(COLUMN, backMm, upMm), 20, 4242);
  const view = planeViewOf(image, [0, 0, 0]);
  if (!view.ok) throw new Error(view.error.message);
  const { cranial, anterior } = view.value;
  const frame: BodyFrame = {
    centre: view.value.toPlane([0, 0, 0]),
    cranial,
    anterior,
    anteriorWallMm: COLUMN.depthMm / 2,
    posteriorWallMm: -COLUMN.depthMm / 2,
    superiorMm,
    inferiorMm,
    polarity: 'brightShell',
    marrow: { levelValue: COLUMN.marrowHu, noiseValue: 10 },
    contrastValue: 500,
  };
  return fitEndplateLines(view.value, frame);
}

describe('fitEndplateLines', () => {
  it('finds both endplates where the located box has them', () => {
    const lines = linesWithFrameAt(HALF_HEIGHT_MM, -HALF_HEIGHT_MM);
    expect(Math.abs(lines.superior.atCentreMm - HALF_HEIGHT_MM)).toBeLessThanOrEqual(LINE_TOLERANCE_MM);
    expect(Math.abs(lines.inferior.atCentreMm + HALF_HEIGHT_MM)).toBeLessThanOrEqual(LINE_TOLERANCE_MM);
  });

  it.each([7, 8])('finds the superior endplate beyond a box that stopped %s mm inside it', (shortMm) => {
    const lines = linesWithFrameAt(HALF_HEIGHT_MM - shortMm, -HALF_HEIGHT_MM);
    expect(Math.abs(lines.superior.atCentreMm - HALF_HEIGHT_MM)).toBeLessThanOrEqual(LINE_TOLERANCE_MM);
    expect(Math.abs(lines.superior.slope)).toBeLessThanOrEqual(0.05);
  });

  it('finds the inferior endplate beyond a box that stopped 8 mm inside it', () => {
    const lines = linesWithFrameAt(HALF_HEIGHT_MM, -HALF_HEIGHT_MM + 8);
    expect(Math.abs(lines.inferior.atCentreMm + HALF_HEIGHT_MM)).toBeLessThanOrEqual(LINE_TOLERANCE_MM);
  });

  it('does not take the neighbour\'s endplate beyond the disc for a box that has its own', () => {
    // The neighbour's inferior plate lies a disc (8 mm) beyond this body's superior one: well within the window beyond.
    const lines = linesWithFrameAt(HALF_HEIGHT_MM - 2, -HALF_HEIGHT_MM);
    expect(Math.abs(lines.superior.atCentreMm - HALF_HEIGHT_MM)).toBeLessThanOrEqual(LINE_TOLERANCE_MM);
  });
});
