import { describe, expect, it } from 'vitest';
import { implausibleSizeReason, minDepthToHeightOf, nearerABody } from './bodyPoints';

describe('implausibleSizeReason', () => {
  // Depth ÷ tallest height of adult thoraco-lumbar bodies: 1.2–1.6 in health, up to ≈ 2.4 when crushed (constants.ts).
  it.each([
    ['a normal lumbar body', { anteriorMm: 28, middleMm: 26, posteriorMm: 29 }, 36, null],
    ['a grade 3 wedge (L1 of VerSe sub-verse012, its mask)', { anteriorMm: 9, middleMm: 15, posteriorMm: 26 }, 36, null],
    ['a frame stopped inside the body, shallower than it is tall', { anteriorMm: 25, middleMm: 23, posteriorMm: 26 }, 22, 'IMPLAUSIBLE_SIZE'],
    ['a box around a flat disc-like band, far deeper than tall', { anteriorMm: 12, middleMm: 12, posteriorMm: 12 }, 34, 'IMPLAUSIBLE_SIZE'],
    ['a body too shallow for any vertebra', { anteriorMm: 10, middleMm: 10, posteriorMm: 10 }, 15, 'IMPLAUSIBLE_SIZE'],
    ['a biconcave body, its middle the shortest height', { anteriorMm: 26, middleMm: 18, posteriorMm: 27 }, 36, null],
    ['a body whose rounded rims read its corners a little short', { anteriorMm: 19, middleMm: 20.9, posteriorMm: 19.7 }, 26, null],
    // The real chest CT's T3 from a click 1.5 mm behind its centre: its middle reached across the thin disc below.
    ['a middle height over a sixth taller than both corners', { anteriorMm: 15.4, middleMm: 21.6, posteriorMm: 17.1 }, 25, 'IMPLAUSIBLE_SIZE'],
  ] as const)('judges %s', (_name, heightsMm, depthMm, code) => {
    expect(implausibleSizeReason(heightsMm, depthMm)?.code ?? null).toBe(code);
  });
});


describe('implausibleSizeReason with the bound for small bodies on CT (minDepthToHeightOf)', () => {
  it.each([
    // The real chest CT's T3 and T12, read whole: upper thoracic-sized bodies are about as deep as tall.
    ['a small body a little taller than deep (T3 on a real chest CT)', { anteriorMm: 19, middleMm: 20, posteriorMm: 23 }, 21, null],
    ['a small body as deep as tall (T12 on a real chest CT)', { anteriorMm: 23.6, middleMm: 22.6, posteriorMm: 25.5 }, 25, null],
    ['a small body read much taller than deep', { anteriorMm: 24, middleMm: 24, posteriorMm: 24 }, 20, 'IMPLAUSIBLE_SIZE'],
    ['a frame stopped inside a lumbar body', { anteriorMm: 25, middleMm: 23, posteriorMm: 26 }, 22, 'IMPLAUSIBLE_SIZE'],
    // VerSe's T12 from a click 2 mm in front of and below its centre: Hp read 7 mm over, across the disc above.
    ['a large body whose posterior height reaches beyond its depth', { anteriorMm: 27.9, middleMm: 27.7, posteriorMm: 34.9 }, 32.5, 'IMPLAUSIBLE_SIZE'],
  ] as const)('%s', (_name, heightsMm, depthMm, code) => {
    expect(implausibleSizeReason(heightsMm, depthMm, minDepthToHeightOf(depthMm))?.code ?? null).toBe(code);
  });

  it('keeps the bound of every body for the default (MR)', () => {
    // A drawn T2's lumbar body read around a 12 mm bright focus: the proportions of the chest CT's T12.
    expect(implausibleSizeReason({ anteriorMm: 26.3, middleMm: 26.3, posteriorMm: 26.4 }, 25.9)?.code).toBe('IMPLAUSIBLE_SIZE');
  });
});
describe('nearerABody', () => {
  const size = (anteriorMm: number, middleMm: number, posteriorMm: number, depthMm: number) => ({ heightsMm: { anteriorMm, middleMm, posteriorMm }, depthMm });
  // The real chest CT's T3 and T4 (upper thoracic bodies are about as deep as tall): clicks found a box inside the body
  // or a frame tilted across it; the next outline was the whole body, a little taller than deep.
  it.each([
    ['takes the whole body, a little taller than deep, over a box to a line inside it (chest CT T4)', size(7.6, 7.7, 5.8, 19.9), size(19.5, 20.2, 25.9, 20.3), true],
    ['takes the whole body over a box of 5–8 mm beside the centre (chest CT T3)', size(4.9, 7.5, 7.7, 16.6), size(22.2, 23.1, 23.9, 21.1), true],
    ['takes the whole body over a frame tilted across it, Ha 3.7 times Hp (chest CT T3)', size(44.2, 25.9, 11.8, 20.8), size(22.2, 20.5, 20.3, 20.8), true],
    ['keeps a box too shallow for any vertebra against an outline two bodies tall', size(20, 20, 20, 15), size(48, 47, 48, 30), false],
    ['keeps a frame stopped inside a body against a flat band as far out of proportion', size(25, 23, 26, 22), size(12, 12, 12, 34), false],
    ['keeps a body a little taller than deep against a frame tilted across it', size(22.2, 20.5, 20.3, 20.8), size(44.2, 25.9, 11.8, 20.8), false],
    ['never trades a body of plausible size for a box inside it', size(19.5, 20.2, 25.9, 20.3), size(7.6, 7.7, 5.8, 19.9), false],
    ['never trades a plausible body for another plausible one', size(20, 20, 20, 26), size(22, 22, 22, 28), false],
    ['keeps a severe wedge (Ha ÷ Hp 0.24) against an outline a little shallower than tall', size(6.5, 16, 27, 34), size(30, 31, 32, 29), false],
    ['keeps a body a little taller than deep against an outline whose middle crosses a disc (chest CT T3)', size(22.1, 22.6, 21.5, 21), size(15.4, 21.6, 17.1, 25), false],
  ] as const)('%s', (_name, found, other, nearer) => {
    expect(nearerABody(found, other)).toBe(nearer);
  });
});
