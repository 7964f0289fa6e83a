import { describe, expect, it } from 'vitest';
import { at } from './results';
import { biconcaveT12Grade1, biconcaveT12Grade1Spec, crushL1Grade3, crushL1Grade3Spec, lateralSpine, lateralVertebra, normalL2, normalL2Spec, postKyphoplastyL1, postKyphoplastyL1Spec, THORACOLUMBAR_L1_REFERENCE_MM, thoracolumbarAfter, thoracolumbarBefore, wedgeL1Grade2, wedgeL1Grade2Spec, } from './fixtures';
import './matchers';
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
describe('lateralVertebra', () => {
    it.each([
        ['normalL2', normalL2, normalL2Spec],
        ['wedgeL1Grade2', wedgeL1Grade2, wedgeL1Grade2Spec],
        ['biconcaveT12Grade1', biconcaveT12Grade1, biconcaveT12Grade1Spec],
        ['crushL1Grade3', crushL1Grade3, crushL1Grade3Spec],
        ['postKyphoplastyL1', postKyphoplastyL1, postKyphoplastyL1Spec],
    ])('builds %s with the heights its spec states', (_name, points, spec) => {
        expect(dist(points.anteriorSuperior, points.anteriorInferior)).toBeCloseToMm(spec.anteriorMm, 1e-12);
        expect(dist(points.middleSuperior, points.middleInferior)).toBeCloseToMm(spec.middleMm, 1e-12);
        expect(dist(points.posteriorSuperior, points.posteriorInferior)).toBeCloseToMm(spec.posteriorMm, 1e-12);
    });
    it('puts the anterior wall towards −y (anterior in LPS), 30 mm in front of the posterior wall by default', () => {
        expect(normalL2.anteriorInferior).toEqual([0, -15, 0]);
        expect(normalL2.posteriorInferior).toEqual([0, 15, 0]);
    });
    it('tilts the anterior end upwards for a positive tilt and moves the vertebra to its origin', () => {
        const tilted = lateralVertebra({ ...normalL2Spec, depthMm: 20, tiltDeg: 90, originMm: [5, 0, 100] });
        expect(tilted.anteriorInferior[1]).toBeCloseToMm(0, 1e-12);
        expect(tilted.anteriorInferior[2]).toBeCloseToMm(110, 1e-12);
        expect(tilted.anteriorInferior[0]).toBe(5);
    });
});
describe('lateralSpine and the thoracolumbar fixtures', () => {
    it('stacks levels cranial to caudal, 40 mm apart', () => {
        const spine = lateralSpine([
            { level: 'T12', spec: normalL2Spec },
            { level: 'L1', spec: normalL2Spec },
        ]);
        expect(spine.map((l) => l.level)).toEqual(['T12', 'L1']);
        expect(at(spine, 1).points.posteriorInferior[2] - at(spine, 0).points.posteriorInferior[2]).toBe(-40);
    });
    it('differ before and after only at T12, L1 and L2', () => {
        const changed = thoracolumbarBefore
            .filter((l, i) => JSON.stringify(l.points) !== JSON.stringify(at(thoracolumbarAfter, i).points))
            .map((l) => l.level);
        expect(changed).toEqual(['T12', 'L1', 'L2']);
        expect(THORACOLUMBAR_L1_REFERENCE_MM).toBe(29);
    });
});
