import { BaseVolumeViewport, Enums, StackViewport, StreamingImageVolume, cache } from '@cornerstonejs/core';
import { failedFramesOf } from './frameFailures';
import { RENDER_ERROR_EVENT } from './renderRecovery';
import { snapshotOf } from './viewportSnapshot';
/** Sends the overlay snapshot of one viewport (nothing while it has no size or is gone). */
export function publishSnapshot(renderingEngine, viewportId, callbacks) {
    const viewport = renderingEngine.getViewport(viewportId);
    if (!viewport)
        return;
    const snapshot = snapshotOf(viewport);
    if (snapshot)
        callbacks.onSnapshot(viewportId, snapshot);
}
/**
 * Whether a volume's 3-D texture still has a slice marked for upload that can come: a frame that failed for good
 * (`frameFailures.ts`) has no image to send, and its mark stays (cornerstone skips a marked slice whose image is not in
 * its cache, and marks every slice again when the texture is modified).
 */
function hasSliceToUpload(volume) {
    const texture = volume.vtkOpenGLTexture;
    const marks = texture?.getUpdatedFrames?.();
    if (marks === undefined)
        return true;
    // vtk.js's "nothing marked yet" is an empty list: the texture has not been filled once.
    if (marks.length === 0)
        return true;
    const failed = failedFramesOf(volume);
    return marks.some((isMarked, frameIndex) => Boolean(isMarked) && !failed.has(frameIndex));
}
/**
 * Whether a viewport's draw that just happened held every image the view shows (read in its IMAGE_RENDERED event): a
 * stack view draws its one image; a volume view holds every slice once each of its volumes has loaded (or failed)
 * every frame and its 3-D texture has no slice left to upload. A volume's last frames arrive, and the progress reaches
 * 100 %, before the render that uploads them: on a loaded machine that render came 0.2-0.6 s later, with the sagittal
 * view still showing the first few slices of a 1,000-slice series until then.
 */
function drewEveryImage(viewport) {
    if (viewport === undefined)
        return false;
    if (!(viewport instanceof BaseVolumeViewport))
        return true;
    const volumeIds = viewport.getAllVolumeIds();
    return volumeIds.length > 0 && volumeIds.every((volumeId) => {
        const volume = cache.getVolume(volumeId);
        if (!(volume instanceof StreamingImageVolume) || volume.loadStatus?.loaded !== true)
            return false;
        return !hasSliceToUpload(volume);
    });
}
/**
 * Resets the data attributes of each viewport element of `plan` and follows its rendering: `data-rendered` on the
 * first render, `data-complete-render` on the first render that holds every image of the view (`drewEveryImage`), the overlay snapshot on every camera, window or slice change, render errors into the problem list,
 * and canvas resizes when the element changes size. Returns a function that stops all of it.
 */
export function followViewportElements(plan, elements, renderingEngine, callbacks) {
    const disposers = [];
    const publish = (viewportId) => publishSnapshot(renderingEngine, viewportId, callbacks);
    const changeEvents = [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOLUME_NEW_IMAGE];
    for (const spec of plan.viewports) {
        const element = elements.get(spec.viewportId);
        if (!element)
            continue;
        element.dataset.loadProgress = '0';
        delete element.dataset.loaded;
        delete element.dataset.rendered;
        delete element.dataset.completeRender;
        const onRendered = () => {
            element.dataset.rendered = 'true';
            if (element.dataset.completeRender !== 'true' && drewEveryImage(renderingEngine.getViewport(spec.viewportId)))
                element.dataset.completeRender = 'true';
            publish(spec.viewportId);
        };
        const onChange = () => publish(spec.viewportId);
        // A viewport that fails to draw (see renderRecovery.ts) names its image in the problem list.
        const onRenderError = (event) => {
            const viewport = renderingEngine.getViewport(spec.viewportId);
            const currentImageId = spec.kind === 'stack' && viewport instanceof StackViewport ? viewport.getCurrentImageId() : undefined;
            const imageId = currentImageId ?? spec.imageIds[0];
            if (imageId)
                callbacks.onImageError(imageId, `image could not be drawn: ${event.detail.message}`);
        };
        delete element.dataset.renderError;
        delete element.dataset.setupError;
        element.addEventListener(RENDER_ERROR_EVENT, onRenderError);
        element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
        for (const name of changeEvents)
            element.addEventListener(name, onChange);
        disposers.push(() => {
            element.removeEventListener(RENDER_ERROR_EVENT, onRenderError);
            element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
            for (const name of changeEvents)
                element.removeEventListener(name, onChange);
        });
    }
    // The views change size when panels appear or the window is resized: cornerstone must resize its canvases, or the
    // image would be stretched while clicks and drawings use the old geometry.
    let resizeFrame = 0;
    const observer = new ResizeObserver(() => {
        cancelAnimationFrame(resizeFrame);
        resizeFrame = requestAnimationFrame(() => {
            renderingEngine.resize(true, true);
            for (const spec of plan.viewports)
                publish(spec.viewportId);
        });
    });
    for (const spec of plan.viewports) {
        const element = elements.get(spec.viewportId);
        if (element)
            observer.observe(element);
    }
    disposers.push(() => {
        cancelAnimationFrame(resizeFrame);
        observer.disconnect();
    });
    return () => {
        for (const dispose of disposers.reverse())
            dispose();
    };
}
