import { Enums, cache, utilities } from '@cornerstonejs/core';
import { autoWindow } from './autoWindow';
import { framedCameraOf } from './frameViews';
import { showAsStored, toggleRamp } from './monochrome1';
import { engine, viewportsOf } from './renderingEngine';
export const WINDOW_PRESETS = [
    { id: 'bone', label: 'CT bone', window: { center: 500, width: 2000 } },
    { id: 'soft', label: 'CT soft tissue', window: { center: 40, width: 400 } },
    { id: 'auto', label: 'Auto (MR spine)', window: null },
];
function displayedValues(viewport) {
    if (viewport.type === Enums.ViewportType.STACK) {
        return viewport.getCornerstoneImage()?.getPixelData() ?? null;
    }
    const volumeId = viewport.getVolumeId?.();
    const volume = volumeId ? cache.getVolume(volumeId) : undefined;
    return (volume?.voxelManager?.getCompleteScalarDataArray?.()) ?? null;
}
/** Applies a W/L preset to every viewport of the plan (one volume, one window). */
export function applyWindowPreset(plan, preset) {
    for (const viewport of viewportsOf(plan)) {
        let window = preset.window;
        if (!window) {
            const values = displayedValues(viewport);
            window = values ? autoWindow(values) : null;
        }
        if (!window)
            continue;
        viewport.setProperties({ voiRange: { lower: window.center - window.width / 2, upper: window.center + window.width / 2 } });
        viewport.render();
    }
}
/** Inverts (or back) the grey scale of every viewport of the plan. */
export function toggleInvert(plan) {
    for (const viewport of viewportsOf(plan)) {
        toggleRamp(viewport);
        viewport.render();
    }
}
/** Back to how the views opened: camera (zoom, pan, slice), window from the images, grey scale as the images say. */
export function resetViewports(plan) {
    const viewports = viewportsOf(plan);
    for (const viewport of viewports) {
        viewport.resetProperties?.();
        showAsStored(viewport);
        viewport.resetCamera();
    }
    // Framing goes back on only once every camera is reset: each reset makes the crosshairs tool reset all the views of
    // its group again, which would undo a framing applied earlier in the same pass.
    for (const viewport of viewports) {
        const framed = framedCameraOf(viewport.id);
        if (framed)
            viewport.setCamera(framed);
        viewport.render();
    }
}
/** Scrolls one viewport by `delta` slices (arrow keys). */
export function scrollViewport(viewportId, delta) {
    const viewport = engine().getViewport(viewportId);
    if (viewport)
        utilities.scroll(viewport, { delta });
}
/** Shows slice `index` (0-based) in one viewport (slider). */
export function jumpToSliceIndex(viewportId, index) {
    const viewport = engine().getViewport(viewportId);
    if (!viewport)
        return;
    void utilities.jumpToSlice(viewport.element, { imageIndex: index });
}
