import { describe, expect, it } from 'vitest';
import * as measurement from './index';
import { assessSpine, assessVertebra, blandAltman, rootMeanSquareCvPct, cobbAngleDeg, compareStudies, heightsFromPoints, wedgeAngleDeg, } from './index';
import { normalL2, wedgeL1Grade2 } from './testing/fixtures';
describe('the public API (measurement/index.ts)', () => {
    it.each([
        'heightsFromPoints',
        'genantGrade',
        'assessVertebra',
        'wedgeAngleDeg',
        'cobbAngleDeg',
        'assessSpine',
        'compareStudies',
        'compareReadings',
        'expectedHeightsFromNeighbours',
        'heightUncertaintyFor',
        'gradeRangeOf',
        'levelsOutOfOrder',
        'cranialPositionMm',
        'proposeNextLevel',
        'isSpinalLevel',
        'levelIndex',
    ])('exports the function %s', (name) => {
        expect(typeof measurement[name]).toBe('function');
    });
    it('exports the cited thresholds with the values of issue 3', () => {
        expect({
            GENANT_MILD_MIN_LOSS_PCT: measurement.GENANT_MILD_MIN_LOSS_PCT,
            GENANT_MODERATE_MIN_LOSS_PCT: measurement.GENANT_MODERATE_MIN_LOSS_PCT,
            GENANT_SEVERE_MIN_LOSS_PCT: measurement.GENANT_SEVERE_MIN_LOSS_PCT,
            DEFORMED_NEIGHBOUR_MIN_LOSS_PCT: measurement.DEFORMED_NEIGHBOUR_MIN_LOSS_PCT,
            REFERENCE_MAX_LEVEL_DISTANCE: measurement.REFERENCE_MAX_LEVEL_DISTANCE,
            RESTORATION_MIN_LOST_HEIGHT_MM: measurement.RESTORATION_MIN_LOST_HEIGHT_MM,
        }).toEqual({
            GENANT_MILD_MIN_LOSS_PCT: 20,
            GENANT_MODERATE_MIN_LOSS_PCT: 25,
            GENANT_SEVERE_MIN_LOSS_PCT: 40,
            DEFORMED_NEIGHBOUR_MIN_LOSS_PCT: 20,
            REFERENCE_MAX_LEVEL_DISTANCE: 2,
            RESTORATION_MIN_LOST_HEIGHT_MM: 0.5,
        });
    });
});
describe('every error code', () => {
    const crossed = {
        posteriorSuperior: [0, 15, 30],
        anteriorSuperior: [0, -15, 30],
        middleSuperior: [0, 0, 30],
        posteriorInferior: [0, -15, 0],
        anteriorInferior: [0, 15, 0],
        middleInferior: [0, 0, 0],
    };
    const cases = [
        ['INVALID_POINT', 'a NaN coordinate', () => heightsFromPoints({ ...normalL2, anteriorSuperior: [Number.NaN, 0, 0] })],
        ['INVALID_POINT', 'an infinite coordinate', () => heightsFromPoints({ ...normalL2, posteriorInferior: [0, 0, Infinity] })],
        ['INVALID_POINT', 'a coordinate beyond ±1 km', () => heightsFromPoints({ ...normalL2, middleSuperior: [0, 2e6, 0] })],
        ['INVALID_POINT', 'a point with two coordinates', () => heightsFromPoints({ ...normalL2, middleInferior: [0, 0] })],
        ['COINCIDENT_POINTS', 'posterior superior on posterior inferior', () => heightsFromPoints({ ...normalL2, posteriorSuperior: normalL2.posteriorInferior })],
        ['NON_POSITIVE_HEIGHT', 'a zero middle height', () => assessVertebra({ anteriorMm: 20, middleMm: 0, posteriorMm: 30 })],
        ['NON_POSITIVE_HEIGHT', 'a negative reference', () => assessVertebra({ anteriorMm: 20, middleMm: 25, posteriorMm: 30 }, { referencePosteriorMm: -30 })],
        ['INVALID_HEIGHT', 'a NaN height', () => assessVertebra({ anteriorMm: 20, middleMm: Number.NaN, posteriorMm: 30 })],
        ['DEGENERATE_ENDPLATE', 'a superior endplate of no length', () => wedgeAngleDeg({ ...normalL2, anteriorSuperior: normalL2.posteriorSuperior })],
        ['DEGENERATE_ENDPLATE', "a lower vertebra's inferior endplate of no length", () => cobbAngleDeg(normalL2, { ...normalL2, anteriorInferior: normalL2.posteriorInferior })],
        ['DEGENERATE_VERTEBRA', 'crossed endplates', () => wedgeAngleDeg(crossed)],
        ['EMPTY_SPINE', 'an empty list', () => assessSpine([])],
        ['UNKNOWN_LEVEL', 'level "T13"', () => assessSpine([{ level: 'T13', points: normalL2 }])],
        ['DUPLICATE_LEVEL', 'L1 twice', () => assessSpine([{ level: 'L1', points: normalL2 }, { level: 'L1', points: wedgeL1Grade2 }])],
        ['EMPTY_SPINE', 'an empty after study', () => compareStudies([{ level: 'L1', points: normalL2 }], [])],
        ['TOO_FEW_LEVELS', 'one pair for limits of agreement', () => blandAltman([[30, 31]])],
        ['INVALID_VALUE', 'a NaN reading', () => rootMeanSquareCvPct([[30, Number.NaN]])],
        ['INVALID_PLANE', 'a zero pixel size', () => assessSpine([{ level: 'L1', points: normalL2 }], { plane: { horizontalPixelMm: 0, verticalPixelMm: 1 } })],
    ];
    it.each(cases)('returns %s for %s, without throwing, with a readable message', (code, _case, run) => {
        const result = run();
        expect(result.ok).toBe(false);
        if (result.ok)
            return;
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(/^[A-Z"].{20,}\.$/s);
    });
    it('covers every code of ErrorCode', () => {
        const all = {
            INVALID_POINT: true,
            COINCIDENT_POINTS: true,
            NON_POSITIVE_HEIGHT: true,
            INVALID_HEIGHT: true,
            DEGENERATE_ENDPLATE: true,
            DEGENERATE_VERTEBRA: true,
            EMPTY_SPINE: true,
            UNKNOWN_LEVEL: true,
            DUPLICATE_LEVEL: true,
            INVALID_PLANE: true,
            TOO_FEW_LEVELS: true,
            INVALID_VALUE: true,
        };
        expect(new Set(cases.map(([code]) => code))).toEqual(new Set(Object.keys(all)));
    });
});
