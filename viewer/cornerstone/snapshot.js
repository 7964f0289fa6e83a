import { getEnabledElementByViewportId } from '@cornerstonejs/core';
import { utilities as toolUtilities } from '@cornerstonejs/tools';
/** Loads an SVG element (the annotation layer) as an image, with its own size. */
function svgToImage(svg, width, height) {
    const clone = svg.cloneNode(true);
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(width));
    clone.setAttribute('height', String(height));
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
    return new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => {
            URL.revokeObjectURL(url);
            resolve(image);
        };
        image.onerror = () => {
            URL.revokeObjectURL(url);
            reject(new Error('the annotation layer could not be drawn'));
        };
        image.src = url;
    });
}
/** A PNG data URL of what a viewport shows: the image and the drawn measurements on top. */
export async function snapshotViewport(viewportId) {
    const enabled = getEnabledElementByViewportId(viewportId);
    if (!enabled)
        throw new Error('the view to capture is not shown');
    const { viewport } = enabled;
    viewport.render();
    // The image and the annotation layer redraw on animation frames: let both catch up with the camera first.
    toolUtilities.triggerAnnotationRenderForViewportIds([viewport.id]);
    for (let i = 0; i < 3; i++)
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const source = viewport.canvas;
    const width = source.clientWidth;
    const height = source.clientHeight;
    const out = document.createElement('canvas');
    out.width = source.width;
    out.height = source.height;
    const ctx = out.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const svg = viewport.element.querySelector('svg.svg-layer');
    if (svg)
        ctx.drawImage(await svgToImage(svg, width, height), 0, 0, out.width, out.height);
    return out.toDataURL('image/png');
}
