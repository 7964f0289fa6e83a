import { getEnabledElementByViewportId } from '@cornerstonejs/core';
import { ToolGroupManager, annotation as annotationApi } from '@cornerstonejs/tools';
import { VertebralHeightTool } from '../tools/VertebralHeightTool';
/** The element and canvas size of a view on screen; null when the view is not (or no longer) shown. */
export function viewOnScreen(viewportId) {
    const enabled = getEnabledElementByViewportId(viewportId);
    if (!enabled)
        return null;
    const { canvas, element } = enabled.viewport;
    return { element, size: { widthPx: canvas.clientWidth, heightPx: canvas.clientHeight } };
}
/**
 * Places the next point of the height tool at a canvas position (CSS pixels), through the tool's own mouse-down
 * path: the world point is the canvas point mapped by the view, as for a click, and the tool adds it exactly as it
 * adds a clicked point (so the bridge, undo, the guide, labels and autosave follow as they do for the mouse).
 * Returns false when the view or the tool is not there.
 */
export function placePointAtCanvas(viewportId, canvasPx) {
    const enabled = getEnabledElementByViewportId(viewportId);
    if (!enabled)
        return false;
    const { viewport, renderingEngineId } = enabled;
    const tool = ToolGroupManager.getToolGroupForViewport(viewportId, renderingEngineId)?.getToolInstance(VertebralHeightTool.toolName);
    if (!tool)
        return false;
    const canvas = [canvasPx[0], canvasPx[1]];
    const rect = viewport.canvas.getBoundingClientRect();
    const client = [rect.left + canvas[0], rect.top + canvas[1]];
    const points = { canvas, world: viewport.canvasToWorld(canvas), client, page: [client[0] + window.scrollX, client[1] + window.scrollY] };
    const still = { canvas: [0, 0], world: [0, 0, 0], client: [0, 0], page: [0, 0] };
    // The detail cornerstone's mouse-down dispatcher hands a tool, without a mouse event (so no modifier key is held).
    const detail = {
        renderingEngineId,
        viewportId,
        element: viewport.element,
        camera: viewport.getCamera(),
        startPoints: points,
        lastPoints: points,
        currentPoints: points,
        deltaPoints: still,
        eventName: 'KEYBOARD_PLACE',
    };
    const evt = new CustomEvent('keyboard-place', { detail, cancelable: true });
    // As cornerstone does for a click: a vertebra in progress takes the point first, else the active tool starts one.
    if (tool.preMouseDownCallback(evt))
        return true;
    const added = tool.addNewAnnotation(evt);
    if (added?.annotationUID)
        annotationApi.selection.setAnnotationSelected(added.annotationUID);
    return true;
}
/** Narrowest view height the zoom keys go down to (mm of patient, or pixels when uncalibrated): a few pixels. */
const MIN_PARALLEL_SCALE = 2;
/**
 * Zooms a view by `factor` (above 1: in) keeping the patient point under `anchorPx` (canvas CSS pixels) where it is on
 * the screen; without an anchor, about the view centre. False when the view is not shown.
 */
export function zoomViewAbout(viewportId, factor, anchorPx) {
    const enabled = getEnabledElementByViewportId(viewportId);
    if (!enabled || !(factor > 0))
        return false;
    const { viewport } = enabled;
    const camera = viewport.getCamera();
    if (!camera.parallelScale || !camera.focalPoint || !camera.position)
        return false;
    const anchor = anchorPx ? [anchorPx[0], anchorPx[1]] : [viewport.canvas.clientWidth / 2, viewport.canvas.clientHeight / 2];
    const before = viewport.canvasToWorld(anchor);
    viewport.setCamera({ parallelScale: Math.max(MIN_PARALLEL_SCALE, camera.parallelScale / factor) });
    const after = viewport.canvasToWorld(anchor);
    const moved = (p) => [p[0] + before[0] - after[0], p[1] + before[1] - after[1], p[2] + before[2] - after[2]];
    const zoomed = viewport.getCamera();
    if (zoomed.focalPoint && zoomed.position)
        viewport.setCamera({ focalPoint: moved(zoomed.focalPoint), position: moved(zoomed.position) });
    viewport.render();
    return true;
}
