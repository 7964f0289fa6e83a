import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { chooseScaleBar } from '../cornerstone/scaleBar';
import { jumpToSliceIndex } from '../cornerstone/viewCommands';
import { findSeries } from '../state/instances';
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';
import { clipText, personNameText } from '../loading/clipText';
const SCALE_BAR_MAX_FRACTION = 0.3;
/** `earlyMeta`: the attributes of an early view's slice, shown while its series is not loaded yet (state/earlyView.ts). */
export function ViewportOverlay({ spec, earlyMeta }) {
    const snapshot = useAppState((s) => s.viewports[spec.viewportId]);
    useAppState((s) => s.patients);
    const found = findSeries(spec.seriesKey);
    const { calibrated } = spec;
    const meta = found?.series.instances[0]?.meta ?? earlyMeta;
    const unit = calibrated ? 'mm' : 'px';
    const scale = snapshot ? chooseScaleBar(snapshot.worldPerCanvasPixel, snapshot.canvasWidth * SCALE_BAR_MAX_FRACTION) : null;
    return (_jsxs("div", { className: "overlay", "data-testid": "viewport-overlay", "data-viewport-id": spec.viewportId, children: [spec.title && _jsx("div", { className: "overlay__title", "data-testid": "viewport-title", children: spec.title }), _jsxs("div", { className: "overlay__tl", children: [_jsx("div", { className: "clip", title: personNameText(meta?.patientName ?? ''), children: clipText(personNameText(meta?.patientName ?? '')) }), _jsxs("div", { className: "clip", title: meta?.patientId, children: ["ID ", clipText(meta?.patientId ?? '')] }), _jsx("div", { children: formatDicomDate(meta?.studyDate ?? '') })] }), _jsxs("div", { className: "overlay__tr", children: [_jsx("div", { className: "clip", title: meta?.seriesDescription, children: clipText(meta?.seriesDescription ?? '') }), _jsxs("div", { children: [meta?.modality, " \u00B7 ", spec.orientation, spec.kind === 'volume' && spec.orientation !== 'axial' ? ' (reformat)' : ''] }), !calibrated && _jsx("div", { className: "overlay__warning", "data-testid": "uncalibrated", children: "uncalibrated: lengths in pixels" })] }), snapshot && (_jsxs(_Fragment, { children: [_jsxs("div", { className: "overlay__bl", children: [_jsxs("div", { "data-testid": "slice-label", "data-slice-index": snapshot.sliceIndex, "data-slice-count": snapshot.sliceCount, children: ["Slice ", snapshot.sliceIndex + 1, " / ", snapshot.sliceCount] }), snapshot.slicePositionMm !== null && (_jsxs("div", { children: [snapshot.sliceAxis, " = ", snapshot.slicePositionMm.toFixed(1), " mm"] }))] }), _jsxs("div", { className: "overlay__br", "data-testid": "window-label", "data-window-width": snapshot.windowWidth ?? '', "data-window-center": snapshot.windowCenter ?? '', children: [snapshot.windowWidth !== null && snapshot.windowCenter !== null
                                ? `W ${Math.round(snapshot.windowWidth)} L ${Math.round(snapshot.windowCenter)}`
                                : '', snapshot.invert ? ' · inverted' : ''] }), _jsx("div", { className: "overlay__edge overlay__edge--left", "data-testid": "edge-left", children: snapshot.edges.left }), _jsx("div", { className: "overlay__edge overlay__edge--right", "data-testid": "edge-right", children: snapshot.edges.right }), _jsx("div", { className: "overlay__edge overlay__edge--top", "data-testid": "edge-top", children: snapshot.edges.top }), _jsx("div", { className: "overlay__edge overlay__edge--bottom", "data-testid": "edge-bottom", children: snapshot.edges.bottom }), scale && (_jsxs("div", { className: "overlay__scale", "data-testid": "scale-bar", "data-length": scale.length, "data-unit": unit, children: [_jsx("div", { className: "overlay__scale-bar", style: { width: `${scale.canvasPixels}px` } }), _jsxs("span", { children: [scale.length, " ", unit] })] })), snapshot.sliceCount > 1 && (_jsx("input", { className: "overlay__slider", type: "range", "aria-label": "Slice", "data-testid": "slice-slider", min: 0, max: snapshot.sliceCount - 1, value: snapshot.sliceIndex, onChange: (e) => jumpToSliceIndex(spec.viewportId, Number(e.target.value)) }))] }))] }));
}
