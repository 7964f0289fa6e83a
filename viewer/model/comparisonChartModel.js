import { compareLevels } from '../../measurement';
/** The three heights in the order of the clusters within a level. */
export const HEIGHT_KINDS = ['anterior', 'middle', 'posterior'];
/** Short labels, as under the clusters and in the legend. */
export const HEIGHT_KIND_LABELS = { anterior: 'Ha', middle: 'Hm', posterior: 'Hp' };
export const DEFAULT_CHART_WIDTH = 720;
export const DEFAULT_CHART_HEIGHT = 360;
/** Margins around the plot, SVG units: room for tick labels (left) and for cluster and level labels (bottom). */
const MARGIN_LEFT = 52;
const MARGIN_RIGHT = 16;
const MARGIN_BOTTOM = 44;
/** Title line at the top, then the legend rows, then a gap above the plot. */
const TITLE_Y = 18;
const LEGEND_TOP = 34;
const LEGEND_ROW_HEIGHT = 15;
const LEGEND_SWATCH_SIZE = 10;
const LEGEND_COLUMN_WIDTH = 22;
const GAP_ABOVE_PLOT = 12;
/** Share of each level's band left empty on each side, so that neighbouring levels stay apart. */
const BAND_PADDING_RATIO = 0.1;
/** Space between the three clusters of a level, in bar widths. */
const CLUSTER_GAP_BARS = 1;
/** About this many intervals on the y axis (fewer or more to land on 1, 2 or 5 × 10^k mm). */
const TARGET_TICK_INTERVALS = 6;
/**
 * Colour ramps per height, light (earliest time point) → dark (latest): ColorBrewer Blues, Oranges and Greys
 * (Brewer CA, colorbrewer2.org). Blue against orange stays distinct in all common colour-vision deficiencies, grey
 * (Hp, the wall kyphoplasty barely changes) differs from both in saturation, and within a ramp only lightness varies.
 */
const COLOUR_RAMPS = {
    anterior: { light: '#9ecae1', dark: '#08519c' },
    middle: { light: '#fdae6b', dark: '#a63603' },
    posterior: { light: '#cccccc', dark: '#525252' },
};
/** Colour of the trend lines: near-black, to read over any bar. */
const TREND_STROKE = '#1a1a1a';
function hexToRgb(hex) {
    const channel = (at) => parseInt(hex.slice(at, at + 2), 16);
    return [channel(1), channel(3), channel(5)];
}
function rgbToHex(rgb) {
    return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
/** The fill of a bar: light → dark along the ramp by time (linear in sRGB); a single time point gets the dark end. */
export function barFill(heightKind, timePointIndex, timePointCount) {
    const { light, dark } = COLOUR_RAMPS[heightKind];
    if (timePointCount <= 1)
        return dark;
    const t = timePointIndex / (timePointCount - 1);
    const from = hexToRgb(light);
    const to = hexToRgb(dark);
    const mix = (a, b) => a + (b - a) * t;
    return rgbToHex([mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2])]);
}
/** The outline of every bar of one height: the dark end of its ramp, so that light bars stand out from the white. */
export function barStroke(heightKind) {
    return COLOUR_RAMPS[heightKind].dark;
}
/** Removes binary floating-point noise from a tick value (0.1 × 3 → 0.3). */
function clean(value) {
    return Number(value.toPrecision(12));
}
/**
 * A "nice" y axis from 0 to at least `maxValueMm`: step 1, 2 or 5 × 10^k mm giving about TARGET_TICK_INTERVALS
 * intervals, top = the first multiple of the step ≥ max. With nothing measured (max ≤ 0) the axis spans 0–10 mm.
 */
export function niceAxis(maxValueMm) {
    const max = maxValueMm > 0 && Number.isFinite(maxValueMm) ? maxValueMm : 10;
    const raw = max / TARGET_TICK_INTERVALS;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const normalized = raw / magnitude;
    const stepMm = clean((normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude);
    const intervals = Math.ceil(clean(max / stepMm));
    const ticksMm = Array.from({ length: intervals + 1 }, (_, i) => clean(i * stepMm));
    // The top is the last tick, computed as that tick is.
    return { maxMm: clean(intervals * stepMm), stepMm, ticksMm };
}
/** A tick label with as many decimals as the step needs (5 → '5', 0.5 → '0.5'). */
function tickLabel(valueMm, stepMm) {
    const decimals = Math.max(0, -Math.floor(Math.log10(stepMm) + 1e-9));
    return valueMm.toFixed(decimals);
}
const HEIGHT_KEYS = {
    anterior: 'anteriorMm',
    middle: 'middleMm',
    posterior: 'posteriorMm',
};
/**
 * The chart of vertebral heights (mm) over time: per level measured in any time point (cranial → caudal), clusters
 * anterior · middle · posterior, each with one bar per time point in the order given; trend lines only with more than
 * two time points. Throws a RangeError when width or height leaves no room for the plot.
 */
export function buildChartModel(timePoints, options = {}) {
    const width = options.width ?? DEFAULT_CHART_WIDTH;
    const height = options.height ?? DEFAULT_CHART_HEIGHT;
    const count = timePoints.length;
    const legendBottom = LEGEND_TOP + LEGEND_ROW_HEIGHT * count;
    const plot = { left: MARGIN_LEFT, top: legendBottom + GAP_ABOVE_PLOT, right: width - MARGIN_RIGHT, bottom: height - MARGIN_BOTTOM };
    const plotWidth = plot.right - plot.left;
    const plotHeight = plot.bottom - plot.top;
    if (!(plotWidth > 0) || !(plotHeight > 0)) {
        throw new RangeError(`buildChartModel: a ${width} × ${height} chart leaves no room for the plot of ${count} time points`);
    }
    const byTimePoint = timePoints.map((tp) => ({ label: tp.label, assessments: new Map(tp.spine.levels.map((l) => [l.level, l])) }));
    const levelNames = [...new Set(timePoints.flatMap((tp) => tp.spine.levels.map((l) => l.level)))].sort(compareLevels);
    let maxValueMm = 0;
    for (const tp of timePoints) {
        for (const l of tp.spine.levels)
            maxValueMm = Math.max(maxValueMm, l.heights.anteriorMm, l.heights.middleMm, l.heights.posteriorMm);
    }
    const axis = niceAxis(maxValueMm);
    const yOf = (valueMm) => plot.bottom - (valueMm / axis.maxMm) * plotHeight;
    const bandWidth = levelNames.length === 0 ? plotWidth : plotWidth / levelNames.length;
    const innerWidth = bandWidth * (1 - 2 * BAND_PADDING_RATIO);
    const barsPerCluster = Math.max(count, 1);
    const barWidth = innerWidth / (HEIGHT_KINDS.length * barsPerCluster + (HEIGHT_KINDS.length - 1) * CLUSTER_GAP_BARS);
    const levels = [];
    const bars = [];
    const gaps = [];
    const trends = [];
    levelNames.forEach((level, levelPosition) => {
        const bandLeft = plot.left + levelPosition * bandWidth;
        const innerLeft = bandLeft + bandWidth * BAND_PADDING_RATIO;
        const clusters = HEIGHT_KINDS.map((heightKind, k) => {
            const clusterLeft = innerLeft + k * (barsPerCluster + CLUSTER_GAP_BARS) * barWidth;
            const trendPoints = [];
            byTimePoint.forEach(({ label: timePointLabel, assessments }, timePointIndex) => {
                const x = clusterLeft + timePointIndex * barWidth;
                const assessed = assessments.get(level);
                if (assessed === undefined) {
                    gaps.push({ level, heightKind, timePointIndex, timePointLabel, x: x + barWidth / 2 });
                    return;
                }
                const valueMm = assessed.heights[HEIGHT_KEYS[heightKind]];
                const y = yOf(valueMm);
                bars.push({
                    level,
                    heightKind,
                    timePointIndex,
                    valueMm,
                    x,
                    y,
                    width: barWidth,
                    height: plot.bottom - y,
                    fill: barFill(heightKind, timePointIndex, count),
                    stroke: barStroke(heightKind),
                    description: `${level} ${HEIGHT_KIND_LABELS[heightKind]} ${timePointLabel}: ${valueMm.toFixed(1)} mm`,
                });
                trendPoints.push({ x: x + barWidth / 2, y, timePointIndex });
            });
            if (count > 2 && trendPoints.length >= 2)
                trends.push({ level, heightKind, points: trendPoints, stroke: TREND_STROKE });
            return { heightKind, label: HEIGHT_KIND_LABELS[heightKind], centerX: clusterLeft + (barsPerCluster * barWidth) / 2 };
        });
        levels.push({ level, centerX: bandLeft + bandWidth / 2, clusters });
    });
    const legendSwatchLeft = plot.left;
    const legendColumnX = (k) => legendSwatchLeft + k * LEGEND_COLUMN_WIDTH;
    const legend = {
        headers: HEIGHT_KINDS.map((heightKind, k) => ({
            heightKind,
            label: HEIGHT_KIND_LABELS[heightKind],
            centerX: legendColumnX(k) + LEGEND_SWATCH_SIZE / 2,
            y: LEGEND_TOP,
        })),
        rows: timePoints.map((tp, timePointIndex) => {
            const y = LEGEND_TOP + LEGEND_ROW_HEIGHT * (timePointIndex + 1);
            return {
                timePointIndex,
                label: tp.label,
                y,
                textX: legendColumnX(HEIGHT_KINDS.length),
                swatches: HEIGHT_KINDS.map((heightKind, k) => ({
                    heightKind,
                    x: legendColumnX(k),
                    y: y - LEGEND_SWATCH_SIZE + 1,
                    size: LEGEND_SWATCH_SIZE,
                    fill: barFill(heightKind, timePointIndex, count),
                    stroke: barStroke(heightKind),
                })),
            };
        }),
    };
    return {
        width,
        height,
        plot,
        titleY: TITLE_Y,
        timePoints: timePoints.map((tp, index) => ({ index, label: tp.label })),
        levels,
        bars,
        gaps,
        trends,
        yAxis: {
            maxMm: axis.maxMm,
            stepMm: axis.stepMm,
            ticks: axis.ticksMm.map((valueMm) => ({ valueMm, y: yOf(valueMm), label: tickLabel(valueMm, axis.stepMm) })),
            title: 'Height (mm)',
        },
        clusterLabelY: plot.bottom + 14,
        levelLabelY: plot.bottom + 32,
        legend,
    };
}
