import type { SpinalLevel } from '../../measurement';
import { lateralSpine, type LateralVertebraSpec } from '../../measurement/testing/fixtures';

/**
 * Constructed baseline T10–L3 in the plane x = 0 (LPS, mm) for the export tests: posterior heights 22, 23, 24, 25.5,
 * 27, 28 mm; T12 biconcave (Hm 18.72 mm, 22 % loss, grade 1); L1 wedge (Ha 16.58 mm, 35 % loss, grade 2); L3 higher
 * in front than behind (negative wedge angle).
 */
export const BASELINE_SPECS: ReadonlyArray<{ level: SpinalLevel; spec: LateralVertebraSpec }> = [
  { level: 'T10', spec: { anteriorMm: 21.2, middleMm: 20.9, posteriorMm: 22, tiltDeg: -4 } },
  { level: 'T11', spec: { anteriorMm: 22.1, middleMm: 21.8, posteriorMm: 23, tiltDeg: -2 } },
  { level: 'T12', spec: { anteriorMm: 23.2, middleMm: 18.72, posteriorMm: 24 } },
  { level: 'L1', spec: { anteriorMm: 16.58, middleMm: 22.4, posteriorMm: 25.5 } },
  { level: 'L2', spec: { anteriorMm: 26.1, middleMm: 25.6, posteriorMm: 27, tiltDeg: 2 } },
  { level: 'L3', spec: { anteriorMm: 28.6, middleMm: 27.4, posteriorMm: 28, tiltDeg: 4 } },
];

/** BASELINE_SPECS as six-point vertebrae, cranial first. */
export const baselineSpine = lateralSpine(BASELINE_SPECS);
