import { cache, metaData } from '@cornerstonejs/core';
import { frameHalfHeightMm, frameSpine } from '../../analysis/frameSpine';
import { samplePlane } from '../../analysis/samplePlane';
import { displayedPlaneOf } from './stackAnalysisImage';
import { planeBlock } from './volumeBlock';
/** Sampling of the mid-sagittal plane searched for the column: coarse enough to stay fast, fine enough for bodies, mm. */
const FRAME_SAMPLING_MM = 1;
/** Largest side of that plane, pixels (a whole-body CT is sampled more coarsely). */
const FRAME_MAX_SIDE_PX = 600;
/** The cameras framing put the views in; Reset returns there rather than to a whole-image fit. */
const framedCameras = new Map();
export function framedCameraOf(viewportId) {
    return framedCameras.get(viewportId);
}
/** A 3-vector built one component at a time (x, y, z). */
const componentwise = (component) => [component(0), component(1), component(2)];
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
function modalityOf(imageId) {
    const modality = imageId ? metaData.get('generalSeriesModule', imageId)?.modality : undefined;
    return modality === 'CT' ? 'CT' : 'MR';
}
/** The mid-sagittal plane of a volume viewport as the analysis reads it: through the focal point, in screen axes. */
function planeOfVolumeView(viewport) {
    const volumeId = viewport.getVolumeId?.();
    const volume = volumeId ? cache.getVolume(volumeId) : undefined;
    if (!volume)
        return null;
    const d = volume.direction;
    // Each slice is read from its image in cornerstone's cache: assembling the whole volume here would copy every voxel
    // (a 1,000-slice series is 500 MB) to sample one plane.
    const slicedVolume = {
        dimensions: [volume.dimensions[0], volume.dimensions[1], volume.dimensions[2]],
        originMm: [volume.origin[0], volume.origin[1], volume.origin[2]],
        rowCosine: [d[0], d[1], d[2]],
        columnCosine: [d[3], d[4], d[5]],
        sliceCosine: [d[6], d[7], d[8]],
        spacingMm: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
        sliceValues: (k) => {
            const imageId = volume.imageIds[k];
            return (imageId === undefined ? undefined : cache.getImage(imageId)?.getPixelData()) ?? null;
        },
    };
    const camera = viewport.getCamera();
    const up = camera.viewUp;
    const normal = camera.viewPlaneNormal;
    const focal = camera.focalPoint;
    const right = cross(up, normal);
    const extentMm = Math.hypot(...componentwise((i) => volume.dimensions[i] * volume.spacing[i]));
    const spacingMm = Math.max(FRAME_SAMPLING_MM, extentMm / FRAME_MAX_SIDE_PX);
    const side = Math.ceil(extentMm / spacingMm);
    const down = [-up[0], -up[1], -up[2]];
    const originMm = componentwise((i) => focal[i] - (right[i] * extentMm) / 2 - (down[i] * extentMm) / 2);
    const planeSpec = { originMm, rowCosine: right, columnCosine: down, columns: side, rows: side, spacingMm };
    const block = planeBlock(slicedVolume, planeSpec);
    const plane = block ? samplePlane(block, planeSpec) : null;
    return plane?.ok ? plane.value : null;
}
/** The displayed image of a stack viewport (a native sagittal series) as a plane image, values rescaled; null uncalibrated. */
function planeOfStackView(viewport) {
    const plane = displayedPlaneOf(viewport, true);
    return plane?.calibrated ? plane : null;
}
/** Moves the camera onto the column found on the plane; its slice (depth along the view normal) is kept. */
function applyFrame(viewport, frame) {
    const camera = viewport.getCamera();
    const normal = camera.viewPlaneNormal;
    const focal = camera.focalPoint;
    const cameraPosition = camera.position;
    const offset = [0, 1, 2].reduce((sum, i) => sum + (frame.centreMm[i] - focal[i]) * normal[i], 0);
    const focalPoint = componentwise((i) => frame.centreMm[i] - offset * normal[i]);
    const position = componentwise((i) => cameraPosition[i] + focalPoint[i] - focal[i]);
    const aspect = viewport.canvas.clientWidth / Math.max(1, viewport.canvas.clientHeight);
    viewport.setCamera({ focalPoint, position, parallelScale: frameHalfHeightMm(frame, aspect) });
    viewport.render();
}
/**
 * Frames a sagittal view on the vertebral column found in its image (analysis/frameSpine), unless the person has
 * already moved or zoomed it since `openedCamera`; otherwise it keeps the whole-image fit. Writes `data-framed`.
 */
export function frameSpineView(viewport, openedCamera, seriesImageId) {
    const element = viewport.element;
    const now = viewport.getCamera();
    const moved = openedCamera !== null && (Math.abs((now.parallelScale ?? 0) - (openedCamera.parallelScale ?? 0)) > 1e-6 ||
        [0, 1, 2].some((i) => Math.abs(now.focalPoint[i] - openedCamera.focalPoint[i]) > 1e-6));
    let outcome = 'fit';
    if (moved) {
        outcome = 'user';
    }
    else {
        const isStack = 'getCornerstoneImage' in viewport && typeof viewport.getCornerstoneImage === 'function';
        const plane = isStack ? planeOfStackView(viewport) : planeOfVolumeView(viewport);
        const frame = plane ? frameSpine(plane, modalityOf(seriesImageId)) : null;
        if (frame?.ok) {
            applyFrame(viewport, frame.value);
            framedCameras.set(viewport.id, viewport.getCamera());
            outcome = 'spine';
        }
    }
    element.dataset.framed = outcome;
    return outcome;
}
export function forgetFraming(viewportId) {
    framedCameras.delete(viewportId);
}
