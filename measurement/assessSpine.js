import { cobbAngleDeg, wedgeAngleDeg } from './angles';
import { assessVertebra } from './assessVertebra';
import { DEFORMED_NEIGHBOUR_MIN_LOSS_PCT, REFERENCE_MAX_LEVEL_DISTANCE, SINGLE_REFERENCE_MAX_LEVEL_DISTANCE, } from './constants';
import { expectedHeightsFromNeighbours } from './expectedHeights';
import { HEIGHT_POINT_PAIRS, heightsFromPoints } from './heights';
import { compareLevels, isSpinalLevel, levelIndex, SPINAL_LEVELS } from './levels';
import { err, ok, withMessagePrefix } from './result';
import { gradeRangeOf, heightUncertaintyFor, isBorderline, lossUncertaintyPct, } from './uncertainty';
function measureLevels(vertebrae) {
    if (!Array.isArray(vertebrae) || vertebrae.length === 0) {
        return err('EMPTY_SPINE', 'No vertebra has been measured yet. Place the six points on at least one vertebra.');
    }
    const measured = [];
    const seen = new Set();
    for (const { level, points } of vertebrae) {
        if (!isSpinalLevel(level)) {
            return err('UNKNOWN_LEVEL', `"${String(level)}" is not a vertebral level that can be graded; use one of ${SPINAL_LEVELS[0]} … ` +
                `${SPINAL_LEVELS[SPINAL_LEVELS.length - 1]}.`);
        }
        if (seen.has(level)) {
            return err('DUPLICATE_LEVEL', `${level} is measured twice in this study. Delete or relabel one of the two.`);
        }
        seen.add(level);
        const heights = heightsFromPoints(points);
        if (!heights.ok)
            return withMessagePrefix(heights.error, `${level}: `);
        const shape = assessVertebra(heights.value);
        if (!shape.ok)
            return withMessagePrefix(shape.error, `${level}: `);
        measured.push({ level, points, heights: heights.value, shape: shape.value });
    }
    return ok(measured.sort((a, b) => compareLevels(a.level, b.level)));
}
/** True when a neighbour's wedge and biconcave losses are both below DEFORMED_NEIGHBOUR_MIN_LOSS_PCT (%). */
function isUndeformed(neighbour) {
    return (neighbour.shape.wedgeLossPct < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT &&
        neighbour.shape.biconcaveLossPct < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT);
}
/** The nearest undeformed measured level in one direction (−1 cranial, +1 caudal) within REFERENCE_MAX_LEVEL_DISTANCE. */
function nearestUndeformed(byIndex, fromIndex, step) {
    for (let distance = 1; distance <= REFERENCE_MAX_LEVEL_DISTANCE; distance += 1) {
        const neighbour = byIndex.get(fromIndex + step * distance);
        if (neighbour !== undefined && isUndeformed(neighbour))
            return neighbour;
    }
    return null;
}
/**
 * The reference neighbours of the level at `index`: the nearest undeformed level on each side; a lone one is kept only
 * when it is within SINGLE_REFERENCE_MAX_LEVEL_DISTANCE (with none on the other side there is nothing to interpolate
 * the growth between levels against).
 */
function referenceNeighbours(byIndex, index) {
    const cranial = nearestUndeformed(byIndex, index, -1);
    const caudal = nearestUndeformed(byIndex, index, 1);
    if (cranial !== null && caudal !== null)
        return { cranial, caudal };
    const lone = cranial ?? caudal;
    if (lone === null || Math.abs(levelIndex(lone.level) - index) <= SINGLE_REFERENCE_MAX_LEVEL_DISTANCE) {
        return { cranial, caudal };
    }
    return { cranial: null, caudal: null };
}
/** Cobb angle (degrees) from the level directly above to the level directly below, when both are measured and measurable. */
function bisegmentalCobb(byIndex, index) {
    const above = byIndex.get(index - 1);
    const below = byIndex.get(index + 1);
    if (above === undefined || below === undefined)
        return { cobbAngleDeg: null, cobbLevels: null };
    const cobb = cobbAngleDeg(above.points, below.points);
    if (!cobb.ok)
        return { cobbAngleDeg: null, cobbLevels: null };
    return { cobbAngleDeg: cobb.value, cobbLevels: [above.level, below.level] };
}
/**
 * Per level, cranial → caudal: heights, ratios and Genant grade, wedge angle (degrees), the heights expected from the
 * neighbours (mm: the nearest undeformed measured level above and below, each ≤ REFERENCE_MAX_LEVEL_DISTANCE away,
 * interpolated by level number; a lone one only when adjacent, SINGLE_REFERENCE_MAX_LEVEL_DISTANCE; Genant et al.,
 * JBMR 1993 "same or adjacent vertebrae"; McCloskey et al., Osteoporos Int 1993) with the losses against them, and, where both adjacent levels are measured, the bisegmental Cobb angle
 * (degrees). A neighbour is undeformed when its own wedge and biconcave losses are < DEFORMED_NEIGHBOUR_MIN_LOSS_PCT.
 */
export function assessSpine(vertebrae, options = {}) {
    const measured = measureLevels(vertebrae);
    if (!measured.ok)
        return measured;
    let heightUncertainty = null;
    if (options.plane !== undefined && options.plane !== null) {
        const model = heightUncertaintyFor(options.plane);
        if (!model.ok)
            return model;
        heightUncertainty = model.value;
    }
    const uncertaintyOf = (m) => heightUncertainty === null ? null : heightsUncertainty(m.points, heightUncertainty);
    const byIndex = new Map(measured.value.map((m) => [levelIndex(m.level), m]));
    const levels = [];
    for (const m of measured.value) {
        const index = levelIndex(m.level);
        const { cranial, caudal } = referenceNeighbours(byIndex, index);
        const references = [cranial, caudal].filter((n) => n !== null);
        const asNeighbour = (n) => n === null ? null : { levelDistance: Math.abs(levelIndex(n.level) - index), heights: n.heights };
        const expected = expectedHeightsFromNeighbours(asNeighbour(cranial), asNeighbour(caudal));
        const expectedHeights = expected?.heights ?? null;
        const referencePosteriorMm = expectedHeights?.posteriorMm ?? null;
        const assessment = assessVertebra(m.heights, {
            referencePosteriorMm,
            expectedAnteriorMm: expectedHeights?.anteriorMm ?? null,
            expectedMiddleMm: expectedHeights?.middleMm ?? null,
        });
        if (!assessment.ok)
            return withMessagePrefix(assessment.error, `${m.level}: `);
        const wedge = wedgeAngleDeg(m.points);
        const own = uncertaintyOf(m);
        const cranialUncertainty = cranial === null ? null : uncertaintyOf(cranial);
        const caudalUncertainty = caudal === null ? null : uncertaintyOf(caudal);
        const uncertainty = own === null
            ? null
            : levelUncertainty(m.heights, own, expected === null ? null : {
                heights: expected.heights,
                uncertaintyMm: combine(expected.cranialWeight, cranialUncertainty, expected.caudalWeight, caudalUncertainty),
            });
        levels.push({
            level: m.level,
            points: m.points,
            heights: m.heights,
            assessment: assessment.value,
            wedgeAngleDeg: wedge.ok ? wedge.value : null,
            referenceLevels: references.map((n) => n.level),
            referencePosteriorMm,
            expectedHeights,
            ...bisegmentalCobb(byIndex, index),
            uncertainty,
        });
    }
    return ok({ levels });
}
/** ± of Ha, Hm, Hp from the six points, mm. */
function heightsUncertainty(p, u) {
    const heights = { anteriorMm: 0, middleMm: 0, posteriorMm: 0 };
    for (const { key, superior, inferior } of HEIGHT_POINT_PAIRS)
        heights[key] = u(p[superior], p[inferior]);
    return heights;
}
/** ± of a weighted sum of two neighbours' heights (weights unitless), mm: √(w₁²u₁² + w₂²u₂²) wall by wall. */
function combine(cranialWeight, cranial, caudalWeight, caudal) {
    const wall = (key) => Math.hypot(cranialWeight * (cranial?.[key] ?? 0), caudalWeight * (caudal?.[key] ?? 0));
    return { anteriorMm: wall('anteriorMm'), middleMm: wall('middleMm'), posteriorMm: wall('posteriorMm') };
}
/** Unclamped loss 100 · (expected − actual) / expected, % (negative when the height exceeds its reference). */
function rawLossPct(actualMm, expectedMm) {
    return (100 * (expectedMm - actualMm)) / expectedMm;
}
/** The ± of every loss of one level, the ± of the graded one and the grades within reach. */
function levelUncertainty(h, u, expected) {
    const wedge = {
        lossPct: rawLossPct(h.anteriorMm, h.posteriorMm),
        uncertaintyPct: lossUncertaintyPct(h.anteriorMm, u.anteriorMm, h.posteriorMm, u.posteriorMm),
    };
    const biconcave = {
        lossPct: rawLossPct(h.middleMm, h.posteriorMm),
        uncertaintyPct: lossUncertaintyPct(h.middleMm, u.middleMm, h.posteriorMm, u.posteriorMm),
    };
    const against = (key) => expected === null
        ? null
        : {
            lossPct: rawLossPct(h[key], expected.heights[key]),
            uncertaintyPct: lossUncertaintyPct(h[key], u[key], expected.heights[key], expected.uncertaintyMm[key]),
        };
    const anterior = against('anteriorMm');
    const middle = against('middleMm');
    const posterior = against('posteriorMm');
    // Same candidates, order and tie rule as assessVertebra, so the ± belongs to the loss that was graded.
    const candidates = [wedge, biconcave, anterior, middle, posterior].filter((c) => c !== null);
    const graded = candidates.reduce((best, c) => (Math.max(0, c.lossPct) > Math.max(0, best.lossPct) ? c : best));
    const gradeRange = gradeRangeOf(candidates);
    return {
        heightsMm: u,
        expectedHeightsMm: expected?.uncertaintyMm ?? null,
        lossPct: {
            wedge: wedge.uncertaintyPct,
            biconcave: biconcave.uncertaintyPct,
            anterior: anterior?.uncertaintyPct ?? null,
            middle: middle?.uncertaintyPct ?? null,
            posterior: posterior?.uncertaintyPct ?? null,
        },
        heightLossPct: graded.uncertaintyPct,
        gradeRange,
        borderline: isBorderline(gradeRange),
    };
}
