import { gaussianBlur } from './gaussianBlur';
import { orderStatisticsInPlace } from './orderStatistics';
import { headerHounsfield, validateImage } from './image';
import { fail, ok } from './result';
import { planeValueAt, voxelMapOf } from './sampling';
import { addScaled3, cross3, dot3, isFinite3, length3, subtract3, unit2 } from './vec';
/** A true midsagittal-style view: columns run posterior (+y), rows run to the feet (−z), as a sagittal MR is stored. */
export const SAGITTAL_AXES = { rowCosine: [0, 1, 0], columnCosine: [0, 0, -1] };
/**
 * How far apart the image's samples lie along the unit patient direction `direction`, mm: the length along it of one
 * voxel's (one pixel's) extent, √Σ (direction · axisᵢ × spacingᵢ)², over the axes with more than one sample. Along an
 * image axis that axis's spacing; a sagittal reformat of 3 mm axial slices samples head to foot every 3 mm.
 */
export function sampleStepAlongMm(image, direction) {
    const axes = image.kind === 'plane'
        ? [[image.rowCosine, image.columnSpacingMm], [image.columnCosine, image.rowSpacingMm]]
        : [[image.rowCosine, image.spacingMm[0]], [image.columnCosine, image.spacingMm[1]], [image.sliceCosine, image.spacingMm[2]]].filter((_, i) => image.dimensions[i] !== 1);
    return Math.sqrt(axes.reduce((sum, [axis, spacing]) => sum + (dot3(direction, axis) * spacing) ** 2, 0));
}
/** A 1st percentile below this means Hounsfield units with fat or air in the field (fat ≈ −100 HU); MR is never negative. */
export const CT_FAT_EVIDENCE_HU = -50;
/**
 * On a CT, values at or above this are cement or metal, not bone, HU: the usual Hounsfield-scale tables give cortical
 * bone +500 to +1,900 HU, while the radiopaque PMMA of vertebro- and kyphoplasty reads 2,000–3,000 HU and more (the
 * phantom's cement is 2,800 HU). Design decision of this project (issue 12). Such voxels are filled in from the tissue around them, so
 * a click inside cement finds the vertebral body's own walls and endplates instead of the cement's outline; the
 * proposal is then flagged CEMENT.
 */
export const CEMENT_MIN_HU = 2000;
/**
 * The wider field whose 1st percentile also decides "Hounsfield units" (half-size and step, mm): the patch around a
 * vertebral body may hold neither fat nor air, but ±150 mm of a sagittal plane reaches the skin or the lungs.
 */
const WIDE_FIELD_HALF_SIZE_MM = 150;
const WIDE_FIELD_STEP_MM = 5;
/** Smallest share of the head–foot direction that must lie in the plane for a lateral (sagittal-like) view. */
const MIN_CRANIAL_IN_PLANE = 0.5;
/**
 * A PlaneView of a volume (on the plane through `throughMm` spanned by `axes`) or of a plane image (its own plane);
 * with `denoise`, the region around `throughMm` is resampled once and smoothed when the image is noisy.
 * Fails with UNCALIBRATED, INVALID_IMAGE, INVALID_INPUT (axes not perpendicular units, or a plane that does not show
 * the head–foot direction, such as an axial one).
 */
export function planeViewOf(image, throughMm, axes = SAGITTAL_AXES, denoise = true) {
    const valid = validateImage(image);
    if (!valid.ok)
        return valid;
    if (!isFinite3(throughMm))
        return fail('INVALID_INPUT', 'The point is not three finite coordinates in mm.');
    const rowCosine = image.kind === 'plane' ? image.rowCosine : axes.rowCosine;
    const columnCosine = image.kind === 'plane' ? image.columnCosine : axes.columnCosine;
    if (!isFinite3(rowCosine) || !isFinite3(columnCosine) ||
        Math.abs(length3(rowCosine) - 1) > 1e-3 || Math.abs(length3(columnCosine) - 1) > 1e-3 ||
        Math.abs(dot3(rowCosine, columnCosine)) > 1e-2) {
        return fail('INVALID_INPUT', 'The plane\'s row and column directions must be perpendicular unit vectors.');
    }
    const originMm = image.kind === 'plane' ? image.originMm : throughMm;
    const toWorld = (p) => addScaled3(addScaled3(originMm, rowCosine, p[0]), columnCosine, p[1]);
    const toPlane = (p) => {
        const d = subtract3(p, originMm);
        return [dot3(d, rowCosine), dot3(d, columnCosine)];
    };
    const offPlaneMm = (p) => {
        const q = toWorld(toPlane(p));
        return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
    };
    const cranialRaw = [rowCosine[2], columnCosine[2]];
    if (Math.hypot(cranialRaw[0], cranialRaw[1]) < MIN_CRANIAL_IN_PLANE) {
        return fail('INVALID_INPUT', 'This view does not show the spine lengthwise (head to feet); use the sagittal view.');
    }
    const cranial = unit2(cranialRaw);
    const anteriorRaw = [-rowCosine[1], -columnCosine[1]];
    const along = anteriorRaw[0] * cranial[0] + anteriorRaw[1] * cranial[1];
    const anterior = unit2([anteriorRaw[0] - along * cranial[0], anteriorRaw[1] - along * cranial[1]]);
    if (!anterior)
        return fail('INVALID_INPUT', 'This view does not show front and back; use the sagittal view.');
    // A volume is read on the displayed slab; a noisy one on the wider slab when there is one (see NOISY_SLAB_SAMPLES).
    let rawValueAt;
    let wideValueAt = null;
    if (image.kind === 'plane') {
        rawValueAt = (x, y) => planeValueAt(image, x, y);
    }
    else {
        const slabs = volumeSlabs(image, originMm, rowCosine, columnCosine);
        rawValueAt = slabs.displayed;
        wideValueAt = slabs.wide;
    }
    const resolutionMm = image.kind === 'plane'
        ? Math.min(image.columnSpacingMm, image.rowSpacingMm)
        : Math.min(...image.spacingMm.filter((_, i) => image.dimensions[i] !== 1));
    const cranial3 = addScaled3(addScaled3([0, 0, 0], rowCosine, cranial[0]), columnCosine, cranial[1]);
    const cranialSampleMm = sampleStepAlongMm(image, cranial3);
    const cranialAxis = coarsestAxisAlong(image, cranial3, toWorld);
    const seed = toPlane(throughMm);
    const magneticResonance = image.header?.modality === 'MR';
    if (!denoise) {
        return ok({
            valueAt: rawValueAt, toWorld, toPlane, offPlaneMm, cranial, anterior, resolutionMm, cranialSampleMm, cranialAxis,
            lowValue: Number.NaN, hounsfield: headerHounsfield(image.header) ?? false, magneticResonance, filledAt: () => false,
            smoothingSigmaMm: 0, unsmoothedValueAt: rawValueAt,
        });
    }
    const read = wideValueAt && noisyPatch(rawValueAt, seed, resolutionMm) ? wideValueAt : rawValueAt;
    const { valueAt, lowValue, hounsfield, filledAt, smoothingSigmaMm, unsmoothedValueAt } = denoisedPatch(read, seed, resolutionMm, {
        wideLowValue: () => wideFieldLowValue(read, seed),
        headerHounsfield: headerHounsfield(image.header),
    });
    return ok({
        valueAt, toWorld, toPlane, offPlaneMm, cranial, anterior, resolutionMm, cranialSampleMm, cranialAxis, lowValue, hounsfield, magneticResonance, filledAt,
        smoothingSigmaMm, unsmoothedValueAt,
    });
}
/**
 * The image axis with the largest sample step along the unit patient direction `direction` (PlaneView.cranialAxis):
 * the continuous index along it at a plane point mapped to patient space by `toWorld`.
 */
function coarsestAxisAlong(image, direction, toWorld) {
    if (image.kind === 'plane') {
        // Plane points are mm along the image's own rows and columns from pixel (0, 0).
        const alongRows = Math.abs(dot3(direction, image.rowCosine)) * image.columnSpacingMm;
        const alongColumns = Math.abs(dot3(direction, image.columnCosine)) * image.rowSpacingMm;
        return alongRows >= alongColumns
            ? { indexAt: (p) => p[0] / image.columnSpacingMm }
            : { indexAt: (p) => p[1] / image.rowSpacingMm };
    }
    const axes = [image.rowCosine, image.columnCosine, image.sliceCosine];
    let axis = 0;
    let largest = -1;
    for (let i = 0; i < 3; i += 1) {
        if (image.dimensions[i] === 1)
            continue;
        const step = Math.abs(dot3(direction, axes[i])) * image.spacingMm[i];
        if (step > largest) {
            largest = step;
            axis = i;
        }
    }
    const q = voxelMapOf(image).inverse;
    return {
        indexAt: (p) => {
            const d = subtract3(toWorld(p), image.originMm);
            return q[3 * axis] * d[0] + q[3 * axis + 1] * d[1] + q[3 * axis + 2] * d[2];
        },
    };
}
/** 1st percentile of the plane's values on a coarse grid of ±WIDE_FIELD_HALF_SIZE_MM around `centre`; NaN when empty. */
function wideFieldLowValue(raw, centre) {
    const side = Math.floor((2 * WIDE_FIELD_HALF_SIZE_MM) / WIDE_FIELD_STEP_MM) + 1;
    const values = new Float64Array(side * side);
    let count = 0;
    for (let r = 0; r < side; r += 1) {
        for (let c = 0; c < side; c += 1) {
            const v = raw(centre[0] - WIDE_FIELD_HALF_SIZE_MM + c * WIDE_FIELD_STEP_MM, centre[1] - WIDE_FIELD_HALF_SIZE_MM + r * WIDE_FIELD_STEP_MM);
            if (Number.isFinite(v))
                values[count++] = v;
        }
    }
    return lowPercentile(values.subarray(0, count));
}
/** 1st percentile of some values (reordered in place); NaN when there are none. */
function lowPercentile(values) {
    if (values.length === 0)
        return Number.NaN;
    return orderStatisticsInPlace(values, [Math.floor(values.length * 0.01)])[0];
}
/** Cement's partial-volume rim (values between marrow and CEMENT_MIN_HU) is filled with it: the mask grows by this, mm. */
const FILL_MARGIN_MM = 1;
/** The fill value is the median of the tissue in a ring this wide just outside the grown mask, mm (mostly marrow). */
const FILL_RING_MM = 2;
/** The mask of an n × n grid grown by `steps` samples (8-neighbour dilation). */
function dilate(mask, n, steps) {
    let current = mask;
    for (let step = 0; step < steps; step += 1) {
        const next = current.slice();
        for (let i = 0; i < n * n; i += 1) {
            if (!current[i])
                continue;
            const c = i % n;
            const r = (i - c) / n;
            for (let dr = -1; dr <= 1; dr += 1) {
                for (let dc = -1; dc <= 1; dc += 1) {
                    const rr = r + dr;
                    const cc = c + dc;
                    if (rr >= 0 && cc >= 0 && rr < n && cc < n)
                        next[cc + rr * n] = 1;
                }
            }
        }
        current = next;
    }
    return current;
}
/**
 * Replaces the samples of an n × n grid marked in `mask`, grown by FILL_MARGIN_MM, with the median of the tissue in a
 * FILL_RING_MM ring around them, so cement reads like the marrow it displaced and no rim of its own is left for an edge.
 * Returns the grown mask (the samples replaced). Changes `grid`.
 */
function fillMasked(grid, mask, n, spacingMm) {
    const grown = dilate(mask, n, Math.round(FILL_MARGIN_MM / spacingMm));
    const ring = dilate(grown, n, Math.round(FILL_RING_MM / spacingMm));
    const around = [];
    for (let i = 0; i < n * n; i += 1)
        if (ring[i] && !grown[i] && Number.isFinite(grid[i]))
            around.push(grid[i]);
    if (around.length === 0)
        return new Uint8Array(n * n);
    around.sort((a, b) => a - b);
    const value = around[around.length >> 1];
    for (let i = 0; i < n * n; i += 1)
        if (grown[i] && Number.isFinite(grid[i]))
            grid[i] = value;
    return grown;
}
/**
 * Samplers of a volume on the plane through `originMm`: `displayed` reads the slab SLAB_WIDTH_MM thick about the plane
 * (the slice the reader sees), `wide` the three-sample slab a noisy image is read on instead (null where it would be
 * no wider or the through-plane samples lie more than MAX_NOISY_SLAB_STEP_MM apart).
 */
function volumeSlabs(volume, originMm, rowCosine, columnCosine) {
    const map = voxelMapOf(volume);
    const normal = cross3(rowCosine, columnCosine);
    // Voxel steps per mm along the plane's normal; the through-plane sample distance is the inverse of the largest.
    const q = map.inverse;
    const perMm = [0, 1, 2].map((r) => Math.abs(q[3 * r] * normal[0] + q[3 * r + 1] * normal[1] + q[3 * r + 2] * normal[2]));
    const stepMm = 1 / Math.max(...perMm.filter((_, i) => volume.dimensions[i] > 1), 1e-9);
    const displayedWeights = slabWeights(stepMm, SLAB_WIDTH_MM);
    const wideWidthMm = NOISY_SLAB_SAMPLES * stepMm;
    const wide = stepMm <= MAX_NOISY_SLAB_STEP_MM && wideWidthMm > SLAB_WIDTH_MM + 1e-6 ? slabWeights(stepMm, wideWidthMm) : null;
    return {
        displayed: slabSampler(map.valueAtXyz, originMm, rowCosine, columnCosine, normal, displayedWeights),
        wide: wide ? slabSampler(map.valueAtXyz, originMm, rowCosine, columnCosine, normal, wide) : null,
    };
}
/** Weighted mean of the samples at the given offsets along `normal` (NaN samples left out; NaN when all are). */
function slabSampler(sample, originMm, rowCosine, columnCosine, normal, weights) {
    const [ox, oy, oz] = originMm;
    const [rx, ry, rz] = rowCosine;
    const [cx, cy, cz] = columnCosine;
    if (weights.length === 1)
        return (x, y) => sample(ox + x * rx + y * cx, oy + x * ry + y * cy, oz + x * rz + y * cz);
    const dx = weights.map((w) => w.offsetMm * normal[0]);
    const dy = weights.map((w) => w.offsetMm * normal[1]);
    const dz = weights.map((w) => w.offsetMm * normal[2]);
    const w = weights.map((s) => s.weight);
    return (x, y) => {
        const px = ox + x * rx + y * cx;
        const py = oy + x * ry + y * cy;
        const pz = oz + x * rz + y * cz;
        let sum = 0;
        let weightSum = 0;
        for (let i = 0; i < w.length; i += 1) {
            const v = sample(px + dx[i], py + dy[i], pz + dz[i]);
            if (Number.isNaN(v))
                continue;
            sum += w[i] * v;
            weightSum += w[i];
        }
        return weightSum > 0 ? sum / weightSum : Number.NaN;
    };
}
/**
 * The through-plane samples that make up a slab `widthMm` thick centred on the plane, for samples `stepMm` apart: the
 * sample at offset k·step stands for the interval k·step ± step / 2, and its weight is that interval's overlap with
 * ±widthMm / 2, mm (the weights sum to widthMm). The plane alone when the step is at least the width.
 */
export function slabWeights(stepMm, widthMm) {
    if (!(stepMm > 0) || !(stepMm < widthMm))
        return [{ offsetMm: 0, weight: 1 }];
    const half = widthMm / 2;
    const reach = Math.ceil(half / stepMm - 0.5 - 1e-9);
    const weights = [];
    for (let k = -reach; k <= reach; k += 1) {
        const low = Math.max(-half, (k - 0.5) * stepMm);
        const high = Math.min(half, (k + 0.5) * stepMm);
        if (high - low > 1e-9)
            weights.push({ offsetMm: k * stepMm, weight: high - low });
    }
    return weights;
}
/**
 * Thickness of the slab a plane of a volume is read as, mm: the one slice a reader measures on. Sagittal spine images
 * are typically 3 mm thick (native sagittal MR 3–4 mm; sagittal CT reformats 2–3 mm; VerSe's sagittal CT 3 mm, on
 * which its expert mask is read slice by slice). Within ±1.5 mm of the plane a smooth endplate concavity (≈ 2 mm deep
 * across a ≥ 30 mm wide body, a parabola) changes a height by ≈ 0.01 mm, but a fracture's wedge or crush, a central
 * impression, a Schmorl node, the basivertebral foramen or gas in a disc changes it by millimetres within 3–6 mm: a
 * thicker slab averages shapes the reader does not see. Samples are weighted by their overlap with the slab
 * (slabWeights); a volume sampled through the plane every 3 mm or more is read on the plane alone.
 */
const SLAB_WIDTH_MM = 3;
/**
 * A noisy image (the patch's noise above NOISY_SHARE of its range on the displayed slab) is read instead on this many
 * through-plane samples, equally weighted, when they lie at most MAX_NOISY_SLAB_STEP_MM apart: averaging along the
 * normal lowers the noise without blurring the plane, where an endplate or a 2 mm disc is measured, and a body is
 * ≥ 30 mm wide. On VerSe (σ ≈ 100 HU per 3 mm sagittal slice) the displayed slice alone put the median height error at
 * 1.54 mm against 0.76 mm with its two neighbours (README, issue 12).
 */
const NOISY_SLAB_SAMPLES = 3;
const MAX_NOISY_SLAB_STEP_MM = 3.01;
/**
 * How many slices on each side of the displayed one the analysis reads of a stack of parallel slices `stepMm` apart:
 * enough for the displayed slab (±SLAB_WIDTH_MM / 2) and for the noisy slab (NOISY_SLAB_SAMPLES centred on the plane),
 * each through-plane sample between two slices. A caller that holds only a stack's displayed image and its neighbours
 * (the page, for a native sagittal series) sends this many so that the analysis reads it as it reads a whole volume.
 */
export function slicesEachSide(stepMm) {
    if (!(stepMm > 0))
        return 0;
    const displayed = Math.max(0, ...slabWeights(stepMm, SLAB_WIDTH_MM).map((w) => Math.round(Math.abs(w.offsetMm) / stepMm)));
    const noisy = stepMm <= MAX_NOISY_SLAB_STEP_MM ? (NOISY_SLAB_SAMPLES - 1) / 2 : 0;
    return Math.max(displayed, noisy);
}
/**
 * Half-size of the square patch of the plane that is sampled once and smoothed around the point of interest, mm: the
 * box fit (fitBodyBox) reads ±40 mm around the click plus its 3 mm step windows; beyond the patch the raw image is read.
 */
const PATCH_HALF_SIZE_MM = 45;
const PATCH_SPACING_MM = 0.5;
/**
 * Noise (robust standard deviation of neighbouring differences) above which the patch is smoothed, as a share of the
 * patch's intensity range (25th–95th percentile, so air or padding outside the body does not count): a low-dose or thin-slice CT (e.g. VerSe, σ ≈ 150 HU) is, a routine
 * CT or MR is not. The Gaussian's σ grows with the noise up to MAX_SMOOTHING_SIGMA_MM; a Gaussian keeps a straight
 * edge's half-maximum position.
 */
const NOISY_SHARE = 0.04;
const MAX_SMOOTHING_SIGMA_MM = 1.2;
/**
 * The plane around `centre` resampled on a PATCH_SPACING_MM grid, on a CT with cement or metal (≥ CEMENT_MIN_HU)
 * filled in from around it, and, when the image is noisy, smoothed with a Gaussian; values outside the patch come from
 * the raw image. Returns the sampler over it, whether the values are HU (as the header says, `headerHounsfield`, or
 * else from fat or air in the patch or, read only then, `wideLowValue`) and where the patch was filled.
 */
function denoisedPatch(raw, centre, resolutionMm, units) {
    const n = Math.round((2 * PATCH_HALF_SIZE_MM) / PATCH_SPACING_MM) + 1;
    const x0 = centre[0] - PATCH_HALF_SIZE_MM;
    const y0 = centre[1] - PATCH_HALF_SIZE_MM;
    const grid = new Float32Array(n * n);
    for (let r = 0; r < n; r += 1) {
        for (let c = 0; c < n; c += 1)
            grid[c + r * n] = raw(x0 + c * PATCH_SPACING_MM, y0 + r * PATCH_SPACING_MM);
    }
    // Every 3rd sample of every 3rd row is plenty for a percentile; the wider field is read only when the patch is not CT.
    const sampled = new Float64Array(Math.ceil(n / 3) ** 2);
    let count = 0;
    for (let r = 0; r < n; r += 3) {
        for (let c = 0; c < n; c += 3)
            if (Number.isFinite(grid[c + r * n]))
                sampled[count++] = grid[c + r * n];
    }
    const hounsfield = units.headerHounsfield ?? (lowPercentile(sampled.subarray(0, count)) < CT_FAT_EVIDENCE_HU || units.wideLowValue() < CT_FAT_EVIDENCE_HU);
    const dense = new Uint8Array(n * n);
    let anyDense = false;
    if (hounsfield) {
        for (let i = 0; i < n * n; i += 1) {
            if (grid[i] >= CEMENT_MIN_HU) {
                dense[i] = 1;
                anyDense = true;
            }
        }
    }
    const filled = anyDense ? fillMasked(grid, dense, n, PATCH_SPACING_MM) : dense;
    const filledAt = (x, y) => {
        const c = Math.round((x - x0) / PATCH_SPACING_MM);
        const r = Math.round((y - y0) / PATCH_SPACING_MM);
        return c >= 0 && r >= 0 && c < n && r < n && filled[c + r * n] === 1;
    };
    const lag = Math.max(1, Math.round(resolutionMm / PATCH_SPACING_MM));
    /** Bilinear sampler over a grid of the patch; the raw image outside it. */
    const samplerOf = (g) => (x, y) => {
        const fc = (x - x0) / PATCH_SPACING_MM;
        const fr = (y - y0) / PATCH_SPACING_MM;
        if (!(fc >= 0 && fr >= 0 && fc <= n - 1 && fr <= n - 1))
            return raw(x, y);
        const c = Math.min(Math.floor(fc), n - 2);
        const r = Math.min(Math.floor(fr), n - 2);
        const tc = fc - c;
        const tr = fr - r;
        const i = c + r * n;
        return (g[i] * (1 - tc) + g[i + 1] * tc) * (1 - tr) + (g[i + n] * (1 - tc) + g[i + n + 1] * tc) * tr;
    };
    const stats = patchStatistics((c, r) => grid[c + r * n], n, lag);
    const unsmoothedValueAt = samplerOf(grid);
    if (!stats)
        return { valueAt: unsmoothedValueAt, lowValue: Number.NaN, hounsfield, filledAt, smoothingSigmaMm: 0, unsmoothedValueAt };
    const { share, low } = stats;
    const smoothingSigmaMm = share > NOISY_SHARE ? Math.min(MAX_SMOOTHING_SIGMA_MM, (share / NOISY_SHARE) * 0.4) : 0;
    const smoothed = smoothingSigmaMm > 0 ? gaussianBlur(grid, n, smoothingSigmaMm / PATCH_SPACING_MM) : grid;
    return { valueAt: smoothingSigmaMm > 0 ? samplerOf(smoothed) : unsmoothedValueAt, lowValue: low, hounsfield, filledAt, smoothingSigmaMm, unsmoothedValueAt };
}
/**
 * Noise of a patch as a share of its intensity range, and its 1st percentile, from every 3rd sample of every 3rd row
 * of an n × n grid read by `at(column, row)`: noise = robust standard deviation of differences between samples `lag`
 * apart (1.4826 × median |a − b| / √2), range = 95th − 25th percentile. Null with fewer than 100 pairs.
 */
function patchStatistics(at, n, lag) {
    // Typed arrays, for the percentiles by selection (orderStatisticsInPlace).
    const capacity = Math.ceil(n / 3) ** 2;
    const differences = new Float64Array(capacity);
    const values = new Float64Array(capacity);
    let pairs = 0;
    for (let r = 0; r < n; r += 3) {
        for (let c = 0; c + lag < n; c += 3) {
            const a = at(c, r);
            const b = at(c + lag, r);
            if (Number.isFinite(a) && Number.isFinite(b)) {
                differences[pairs] = Math.abs(a - b);
                values[pairs] = a;
                pairs += 1;
            }
        }
    }
    if (pairs < 100)
        return null;
    const [high, quarter, low] = orderStatisticsInPlace(values.subarray(0, pairs), [
        Math.floor(pairs * 0.95),
        Math.floor(pairs * 0.25),
        Math.floor(pairs * 0.01),
    ]);
    const [medianDifference] = orderStatisticsInPlace(differences.subarray(0, pairs), [pairs >> 1]);
    const range = high - quarter;
    const noise = (1.4826 * medianDifference) / Math.SQRT2;
    return { share: range > 0 ? noise / range : 0, low };
}
/**
 * True when the patch around `centre` read by `raw` is noisy (patchStatistics' share above NOISY_SHARE), from the same
 * samples denoisedPatch reads its statistics from, without sampling the whole patch.
 */
function noisyPatch(raw, centre, resolutionMm) {
    const n = Math.round((2 * PATCH_HALF_SIZE_MM) / PATCH_SPACING_MM) + 1;
    const x0 = centre[0] - PATCH_HALF_SIZE_MM;
    const y0 = centre[1] - PATCH_HALF_SIZE_MM;
    const lag = Math.max(1, Math.round(resolutionMm / PATCH_SPACING_MM));
    const stats = patchStatistics((c, r) => raw(x0 + c * PATCH_SPACING_MM, y0 + r * PATCH_SPACING_MM), n, lag);
    return stats !== null && stats.share > NOISY_SHARE;
}
