import { describe, expect, it } from 'vitest';
import { heightsFromPoints } from './heights';
import './testing/matchers';
import { lateralVertebra, normalL2, normalL2Spec, wedgeL1Grade2 } from './testing/fixtures';
describe('heightsFromPoints', () => {
    it('measures normalL2 as Ha 29.1, Hm 28.2, Hp 30 mm', () => {
        const result = heightsFromPoints(normalL2);
        expect(result.ok).toBe(true);
        if (!result.ok)
            return;
        expect(result.value.anteriorMm).toBeCloseToMm(normalL2Spec.anteriorMm, 1e-9);
        expect(result.value.middleMm).toBeCloseToMm(normalL2Spec.middleMm, 1e-9);
        expect(result.value.posteriorMm).toBeCloseToMm(normalL2Spec.posteriorMm, 1e-9);
    });
    it('measures the straight-line (Euclidean) distance, not the head-foot difference', () => {
        const points = {
            ...wedgeL1Grade2,
            anteriorSuperior: [3, -15, 12],
            anteriorInferior: [0, -11, 0],
        };
        const result = heightsFromPoints(points);
        expect(result.ok && result.value.anteriorMm).toBe(13);
    });
    it('measures a tilted vertebra with the same heights as an upright one', () => {
        const tilted = heightsFromPoints(lateralVertebra({ ...normalL2Spec, tiltDeg: 35 }));
        expect(tilted.ok).toBe(true);
        if (!tilted.ok)
            return;
        expect(tilted.value.anteriorMm).toBeCloseToMm(29.1, 1e-9);
        expect(tilted.value.posteriorMm).toBeCloseToMm(30, 1e-9);
    });
});
