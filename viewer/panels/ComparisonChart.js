import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useId } from 'react';
// Everything is drawn with presentation attributes on the SVG itself (no CSS classes, no external fonts or images), so
// that the element can be saved as a standalone .svg or drawn onto a canvas for a .png (see export/chartImage.ts).
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const TEXT_COLOUR = '#1a1a1a';
const MUTED_COLOUR = '#555555';
const AXIS_COLOUR = '#333333';
const GRID_COLOUR = '#e3e3e3';
/** Coordinates rounded to 0.01 unit: finer than any screen or print, and keeps the exported file small. */
function px(value) {
    return Math.round(value * 100) / 100;
}
function summaryOf(model) {
    if (model.levels.length === 0)
        return 'No vertebra measured.';
    const levels = model.levels.map((l) => l.level).join(', ');
    const times = model.timePoints.map((t) => t.label).join(', ');
    return `Bar chart of anterior (Ha), middle (Hm) and posterior (Hp) vertebral heights in mm at ${levels}, one bar per time point (${times}), earlier lighter, later darker.`;
}
/**
 * Vertebral heights over time as a self-contained SVG (layout from buildChartModel): per level, Ha · Hm · Hp clusters
 * with one bar per time point; every bar carries its unrounded height in data-value (mm) and a tooltip.
 */
export function ComparisonChart({ model, title }) {
    const id = useId();
    const titleId = `${id}title`;
    const descId = `${id}desc`;
    const { plot } = model;
    return (_jsxs("svg", { "data-testid": "comparison-chart", role: "img", "aria-labelledby": `${titleId} ${descId}`, viewBox: `0 0 ${model.width} ${model.height}`, width: model.width, height: model.height, style: { maxWidth: '100%', height: 'auto' }, fontFamily: FONT_FAMILY, fill: TEXT_COLOUR, children: [_jsx("title", { id: titleId, children: title }), _jsx("desc", { id: descId, children: summaryOf(model) }), _jsx("rect", { x: 0, y: 0, width: model.width, height: model.height, fill: "#ffffff" }), _jsx("text", { x: plot.left, y: model.titleY, fontSize: 14, fontWeight: 600, children: title }), _jsxs("g", { "data-testid": "chart-legend", fontSize: 10, children: [model.legend.headers.map((h) => (_jsx("text", { x: px(h.centerX), y: px(h.y), textAnchor: "middle", fill: MUTED_COLOUR, children: h.label }, h.heightKind))), model.legend.rows.map((row) => (_jsxs("g", { children: [row.swatches.map((s) => (_jsx("rect", { x: px(s.x), y: px(s.y), width: s.size, height: s.size, fill: s.fill, stroke: s.stroke, strokeWidth: 0.75 }, s.heightKind))), _jsx("text", { x: px(row.textX), y: px(row.y), fontSize: 11, children: row.label })] }, row.timePointIndex)))] }), _jsxs("g", { "data-testid": "chart-y-axis", fontSize: 10, children: [model.yAxis.ticks.map((tick) => (_jsxs("g", { children: [_jsx("line", { x1: plot.left, x2: plot.right, y1: px(tick.y), y2: px(tick.y), stroke: GRID_COLOUR, strokeWidth: 1 }), _jsx("line", { x1: plot.left - 4, x2: plot.left, y1: px(tick.y), y2: px(tick.y), stroke: AXIS_COLOUR, strokeWidth: 1 }), _jsx("text", { x: plot.left - 7, y: px(tick.y), dy: "0.32em", textAnchor: "end", fill: MUTED_COLOUR, children: tick.label })] }, tick.valueMm))), _jsx("text", { x: 14, y: px((plot.top + plot.bottom) / 2), transform: `rotate(-90 14 ${px((plot.top + plot.bottom) / 2)})`, textAnchor: "middle", fontSize: 11, fill: MUTED_COLOUR, children: model.yAxis.title })] }), _jsx("g", { "data-testid": "chart-bars", children: model.bars.map((bar) => (_jsx("rect", { "data-testid": "chart-bar", "data-level": bar.level, "data-height": bar.heightKind, "data-time-point": bar.timePointIndex, "data-value": String(bar.valueMm), x: px(bar.x), y: px(bar.y), width: px(bar.width), height: px(bar.height), fill: bar.fill, stroke: bar.stroke, strokeWidth: 0.75, children: _jsx("title", { children: bar.description }) }, `${bar.level}-${bar.heightKind}-${bar.timePointIndex}`))) }), model.gaps.map((gap) => (_jsxs("text", { "data-testid": "chart-gap", x: px(gap.x), y: plot.bottom - 3, textAnchor: "middle", fontSize: 9, fill: MUTED_COLOUR, children: ["\u00D7", _jsx("title", { children: `${gap.level} not measured at ${gap.timePointLabel}` })] }, `${gap.level}-${gap.heightKind}-${gap.timePointIndex}`))), model.trends.map((trend) => (_jsxs("g", { children: [_jsx("polyline", { "data-testid": "chart-trend", "data-level": trend.level, "data-height": trend.heightKind, points: trend.points.map((p) => `${px(p.x)},${px(p.y)}`).join(' '), fill: "none", stroke: trend.stroke, strokeWidth: 1.5, strokeLinejoin: "round" }), trend.points.map((p) => (_jsx("circle", { cx: px(p.x), cy: px(p.y), r: 2.2, fill: trend.stroke }, p.timePointIndex)))] }, `${trend.level}-${trend.heightKind}`))), _jsx("line", { x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom, stroke: AXIS_COLOUR, strokeWidth: 1 }), _jsx("line", { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, stroke: AXIS_COLOUR, strokeWidth: 1 }), _jsx("g", { "data-testid": "chart-x-axis", textAnchor: "middle", children: model.levels.map((level) => (_jsxs("g", { children: [level.clusters.map((c) => (_jsx("text", { x: px(c.centerX), y: model.clusterLabelY, fontSize: 9, fill: MUTED_COLOUR, children: c.label }, c.heightKind))), _jsx("text", { x: px(level.centerX), y: model.levelLabelY, fontSize: 12, fontWeight: 600, children: level.level })] }, level.level))) }), model.levels.length === 0 && (_jsx("text", { x: px((plot.left + plot.right) / 2), y: px((plot.top + plot.bottom) / 2), textAnchor: "middle", fontSize: 12, fill: MUTED_COLOUR, children: "No vertebra measured" }))] }));
}
