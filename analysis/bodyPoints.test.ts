import { describe, expect, it } from 'vitest';
import { implausibleSizeReason } from './bodyPoints';

describe('implausibleSizeReason', () => {
  // Depth ÷ tallest height of adult thoraco-lumbar bodies: 1.2–1.6 in health, up to ≈ 2.4 when crushed (constants.ts).
  it.each([
    ['a normal lumbar body', { anteriorMm: 28, middleMm: 26, posteriorMm: 29 }, 36, null],
    ['a grade 3 wedge (L1 of VerSe sub-verse012, its mask)', { anteriorMm: 9, middleMm: 15, posteriorMm: 26 }, 36, null],
    ['a frame stopped inside the body, shallower than it is tall', { anteriorMm: 25, middleMm: 23, posteriorMm: 26 }, 22, 'IMPLAUSIBLE_SIZE'],
    ['a box around a flat disc-like band, far deeper than tall', { anteriorMm: 12, middleMm: 12, posteriorMm: 12 }, 34, 'IMPLAUSIBLE_SIZE'],
    ['a body too shallow for any vertebra', { anteriorMm: 10, middleMm: 10, posteriorMm: 10 }, 15, 'IMPLAUSIBLE_SIZE'],
  ] as const)('judges %s', (_name, heightsMm, depthMm, code) => {
    expect(implausibleSizeReason(heightsMm, depthMm)?.code ?? null).toBe(code);
  });
});
