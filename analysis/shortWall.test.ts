import { describe, expect, it } from 'vitest';
import { CHECK_BELOW_CONFIDENCE } from './confidence';
import { drawnMidsagittalPlane, placeInDrawnColumn } from './drawnMidsagittalPlane.testing';
import { proposeVertebra } from './proposeVertebra';

/**
 * A drawn midsagittal CT plane (HU) modelled on VerSe's T11 (journal, "The box fit's score: the basivertebral canal"):
 * bodies 32 mm deep and 26 mm high (marrow 200 HU, a 1.2 mm cortex of 700 HU) between 6 mm discs (80 HU), the canal
 * behind them (20 HU) and a posterior element (600 HU), soft tissue (40 HU) and fat (−100 HU) in front. Over the
 * middle 16 mm of each body's height its posterior wall is faint (250 HU) and the bone behind the basivertebral canal's
 * inner end is dark (100 HU) for CANAL_DEPTH_MM; in front of that lies a bright band (400 HU, 4 mm): its posterior side
 * is an exit edge as strong as the faint wall's, CANAL_DEPTH_MM inside it. Noise ±60 HU. x runs to the back.
 */
const BODY = { depthMm: 32, heightMm: 26, discMm: 6 } as const;
const CORTEX_MM = 1.2;
const CANAL_DEPTH_MM = 8;
const CANAL_HALF_HEIGHT_MM = 8;

function tissueAt(back: number, up: number): number {
  const place = placeInDrawnColumn(back, up, BODY);
  if (place.kind === 'front') return back < -BODY.depthMm / 2 - 20 ? -100 : 40;
  if (place.kind === 'behind') return place.beyondMm <= 16 ? 20 : place.beyondMm < 40 ? 600 : 40;
  if (place.kind === 'disc') return 80;
  const fromBackMm = BODY.depthMm / 2 - back;
  const atCanal = Math.abs(place.aboveMiddleMm) < CANAL_HALF_HEIGHT_MM;
  if (place.depthInsideMm < CORTEX_MM) return fromBackMm < CORTEX_MM && atCanal ? 250 : 700;
  if (atCanal && fromBackMm < CANAL_DEPTH_MM) return 100;
  if (atCanal && fromBackMm < CANAL_DEPTH_MM + 4) return 400;
  return 200;
}

describe('a body whose posterior wall is faint where the basivertebral canal ends inside it', () => {
  const image = drawnMidsagittalPlane(tissueAt, 60, 12345);
  const clicks = [-2, -1, 0, 1, 2].flatMap((back) => [-2, 0, 2].map((up) => [back, up] as const));

  // Before the second look the box stopped at the band's posterior side from 13 of these 15 clicks (24.6 mm deep).
  it.each(clicks)('is found wall to wall and measured within 1.5 mm, unflagged, from a click (%s, %s) mm from its centre', (back, up) => {
    const result = proposeVertebra(image, [0, back, up]);
    if (!result.ok) throw new Error(result.error.message);
    expect(Math.abs(result.value.depthMm - BODY.depthMm), `depth ${result.value.depthMm.toFixed(1)} mm`).toBeLessThanOrEqual(1.5);
    const { anteriorMm, middleMm, posteriorMm } = result.value.heightsMm;
    for (const h of [anteriorMm, middleMm, posteriorMm]) expect(Math.abs(h - BODY.heightMm)).toBeLessThanOrEqual(1.5);
    expect(result.value.confidence).toBeGreaterThanOrEqual(CHECK_BELOW_CONFIDENCE);
  });
});
