import { describe, expect, it } from 'vitest';
import { normalL2 } from './fixtures';
import './matchers';
import { moveRigidly, moveVertebraRigidly, scaleVertebra } from './transforms';
describe('moveRigidly', () => {
    it('turns the x axis into the y axis by a quarter turn about z, then translates', () => {
        const moved = moveRigidly([1, 0, 0], { axis: [0, 0, 2], angleRad: Math.PI / 2, translationMm: [10, 20, 30] });
        expect(moved[0]).toBeCloseToMm(10, 1e-12);
        expect(moved[1]).toBeCloseToMm(21, 1e-12);
        expect(moved[2]).toBeCloseToMm(30, 1e-12);
    });
    it('leaves a point on the axis where it is', () => {
        expect(moveRigidly([0, 0, 7], { axis: [0, 0, 1], angleRad: 1, translationMm: [0, 0, 0] })).toEqual([0, 0, 7]);
    });
});
describe('moveVertebraRigidly and scaleVertebra', () => {
    it('apply to all six points', () => {
        const moved = moveVertebraRigidly(normalL2, { axis: [1, 0, 0], angleRad: 0, translationMm: [1, 2, 3] });
        expect(moved.middleSuperior).toEqual([
            normalL2.middleSuperior[0] + 1,
            normalL2.middleSuperior[1] + 2,
            normalL2.middleSuperior[2] + 3,
        ]);
        expect(scaleVertebra(normalL2, 2).posteriorInferior).toEqual([0, 30, 0]);
    });
});
