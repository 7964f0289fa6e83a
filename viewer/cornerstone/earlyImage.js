import { Enums, VolumeViewport, cache, getEnabledElement, metaData, utilities } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { middleSliceIndex } from '../loading/retrieveOrder';
import { peekEarlyFrame } from '../loading/earlyFrame';
import { markStartup } from '../loading/startupMark';
import { mprViewports } from '../model/displayPlan';
import { AXIAL_SCREEN, placeSlice } from './earlyImagePlacement';
import { earlyImageCanvas, openingRange, paintSlice, windowedSlice } from './earlySliceCanvas';
import { entryImageOf, releaseEntryImage } from './entryImage';
import { createImageFromFrame } from './uncompressedImage';
import { initCornerstone } from './initCornerstone';
/**
 * Longest the display waits for the early image before cornerstone's rendering engine starts, ms. Creating the
 * engine's WebGL context and compiling its shaders hold the page's main thread for 1.5–3 s on a software GPU
 * (SwiftShader); a frame arriving meanwhile could only be drawn after that. The slice is the one the views need first
 * anyway, so waiting for it costs the volume little; a slow server must not hold the display longer than this.
 */
export const EARLY_IMAGE_WAIT_MS = 1_000;
/** The image ids scheme of DICOMweb frames: `wadors:<frame URL>`. */
const WADORS_SCHEME = 'wadors:';
/** Which view of a plan gets an early image, and of which slice: the axial view of an MPR plan, on its middle slice. */
function earlyTarget(plan) {
    if (plan.mode !== 'mpr')
        return null;
    const spec = plan.viewports.find((v) => v.kind === 'volume' && v.orientation === 'axial');
    if (spec === undefined || spec.imageIds.length < 2)
        return null;
    // The volume's own order (cornerstone sorts the ids when it makes the volume), so ⌊n/2⌋ is the slice it shows.
    const { sortedImageIds } = utilities.sortImageIdsAndGetSpacing([...spec.imageIds]);
    const imageId = sortedImageIds[middleSliceIndex(sortedImageIds.length)];
    if (imageId === undefined)
        return null;
    return {
        viewportId: spec.viewportId,
        imageId,
        sliceCount: sortedImageIds.length,
        sliceIndexAt: (positionZMm) => {
            const zs = sortedImageIds.map((id) => Number(metaData.get(Enums.MetadataModules.IMAGE_PLANE, id)?.imagePositionPatient?.[2]));
            return zs.every(Number.isFinite) ? axialSliceIndex({ zMinMm: Math.min(...zs), zMaxMm: Math.max(...zs), count: zs.length }, positionZMm) : null;
        },
    };
}
/** The axial view of the plan an early view's series will have, on the early view's slice. */
function earlyViewTarget(view) {
    const axial = mprViewports(view.seriesKey, [], true).find((v) => v.orientation === 'axial');
    if (axial === undefined)
        return null;
    const [firstZ, lastZ] = [view.endPositionsMm[0][2], view.endPositionsMm[1][2]];
    return {
        viewportId: axial.viewportId,
        imageId: view.imageId,
        sliceCount: view.sliceCount,
        sliceIndexAt: (positionZMm) => axialSliceIndex({ zMinMm: Math.min(firstZ, lastZ), zMaxMm: Math.max(firstZ, lastZ), count: view.sliceCount }, positionZMm),
    };
}
function vec3Of(values) {
    if (values === undefined || values.length !== 3)
        return null;
    const v = [Number(values[0]), Number(values[1]), Number(values[2])];
    return v.every(Number.isFinite) ? v : null;
}
/** The first number of a VOI field (a number or the list DICOM allows). */
function firstNumber(value) {
    return Number(Array.isArray(value) ? value[0] : value);
}
/**
 * The window cornerstone 5.14 opens a volume with, as a linear range of shown values: the stored window of its middle
 * slice (`setDefaultVolumeVOI`), or, when there is none, the range of that slice's voxels (see volumeWindow.ts).
 */
function volumeOpeningRange(imageId, image) {
    const voi = metaData.get(Enums.MetadataModules.VOI_LUT, imageId);
    const width = firstNumber(voi?.windowWidth);
    const center = firstNumber(voi?.windowCenter);
    const stored = voi?.windowWidth && voi.windowCenter && width !== 0 && Number.isFinite(width) && Number.isFinite(center) ? { center, width } : null;
    return openingRange(stored, { min: image.minPixelValue, max: image.maxPixelValue });
}
/** Whether cornerstone draws this image through nothing but the modality rescale and a linear window. */
function plainGreyscale(image) {
    const voiFunction = String(image.voiLUTFunction ?? 'LINEAR').toUpperCase();
    return !image.color && !image.invert && image.modalityLUT === undefined && image.voiLUT === undefined && (voiFunction === 'LINEAR' || voiFunction === '');
}
/**
 * The slice index cornerstone's axial view reports for the slice at `positionZMm` (`getImageSliceDataForVolumeViewport`),
 * for a volume of `count` slices from z = zMinMm to zMaxMm.
 */
function axialSliceIndex(volume, positionZMm) {
    const { zMinMm, zMaxMm, count } = volume;
    if (!(zMaxMm > zMinMm) || !Number.isFinite(positionZMm))
        return null;
    // The axial view looks along −z: its slice range runs from −zMax to −zMin.
    return Math.min(count - 1, Math.max(0, Math.floor(((zMaxMm - positionZMm) / (zMaxMm - zMinMm)) * count)));
}
/** Draws the slice's pixels through its window into `canvas` where `placement` says, on black. */
function drawSlice(canvas, image, range, placement) {
    const rescaled = image.preScale?.scaled === true;
    const slice = windowedSlice({
        pixels: image.getPixelData(),
        columns: image.columns,
        rows: image.rows,
        range,
        rescale: rescaled ? null : { slope: image.slope, intercept: image.intercept },
    });
    paintSlice(canvas, slice, placement);
}
/**
 * Whether cornerstone's viewport in `element` has taken over from an early image of `earlyImageId`: it renders a slice
 * whose pixels have arrived, or another slice than the early image's (the person scrolled: the view shows what it has).
 */
function cornerstoneTookOver(element, earlyImageId) {
    const viewport = getEnabledElement(element)?.viewport;
    if (!(viewport instanceof VolumeViewport))
        return false;
    const imageId = viewport.getCurrentImageId();
    // cornerstone renders the view once before its volume is set; its getVolume throws for an undefined id.
    const volumeId = viewport.getVolumeId();
    const volume = volumeId === undefined ? undefined : cache.getVolume(volumeId);
    if (imageId === undefined || volume === undefined)
        return false;
    if (imageId !== earlyImageId)
        return true;
    // cornerstone keeps which frames are in a protected field (see showPlan.ts).
    const cachedFrames = Reflect.get(volume, 'cachedFrames');
    return Array.isArray(cachedFrames) && Boolean(cachedFrames[volume.imageIds.indexOf(imageId)]);
}
function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/**
 * The target's slice as cornerstone will show it: over DICOMweb its early frame (loading/earlyFrame.ts) decoded as
 * cornerstone will; from local files the slice already decoded into cornerstone's cache while the files were read.
 * Checks that cornerstone would show it as the early image would: greyscale through the rescale and a linear window,
 * slice axis along the view's normal.
 */
async function prepare(target) {
    if (target === null)
        return null;
    const image = target.imageId.startsWith(WADORS_SCHEME) ? await decodeEarlyFrame(target.imageId) : await decodedImage(target.imageId);
    if (image === null || !plainGreyscale(image))
        return null;
    const plane = (metaData.get(Enums.MetadataModules.IMAGE_PLANE, target.imageId) ?? {});
    return {
        viewportId: target.viewportId,
        image,
        range: volumeOpeningRange(target.imageId, image),
        plane,
        sliceIndex: target.sliceIndexAt(Number(plane.imagePositionPatient?.[2])),
        sliceCount: target.sliceCount,
    };
}
/** The early frame of a DICOMweb image id decoded as cornerstone will (a copy of its bytes: the frame loader takes them untouched), or null. */
async function decodeEarlyFrame(imageId) {
    const frame = await peekEarlyFrame(imageId.slice(WADORS_SCHEME.length));
    if (frame === null)
        return null;
    return createImageFromFrame(imageId, frame.pixelData.slice(), frame.transferSyntaxUID, {});
}
/**
 * The image cornerstone's cache already holds for this id (a local file's slice decoded while the files were read,
 * see decodeAhead.ts, in the array its volume keeps it in), or null when it holds none or it failed. Nothing is decoded
 * or read for it here.
 */
async function decodedImage(imageId) {
    const loadObject = cache.getImageLoadObject(imageId);
    if (loadObject === undefined)
        return null;
    return loadObject.promise.catch(() => null);
}
let provisional = null;
/**
 * Shows an early view's slice (state/earlyView.ts: established before the series metadata is in) as the early image of
 * the axial view the series' plan will have, once cornerstone's image loader can decode it (its metadata is registered
 * with the loader here: the same DICOM JSON the series metadata holds). The plan's showEarlyImage adopts it when its
 * middle slice is this one in the same view, and removes it otherwise.
 */
export function showEarlyViewImage(view, elements, onSnapshot) {
    const target = earlyViewTarget(view);
    if (target === null || (provisional !== null && provisional.imageId === target.imageId))
        return;
    removeEarlyViewImage();
    markStartup('early-slice');
    let removed = false;
    let removeShown = null;
    let drawnIn = null;
    // Drawn by the entry chunk already: moved into the view now, before the browser paints the shell without it (the
    // shell calls this from a layout effect).
    const entry = entryImageOf(target.imageId);
    const entryElement = elements.get(target.viewportId);
    if (entry !== null && entryElement !== undefined) {
        removeShown = adoptEntryImage(entry, entryElement, target, onSnapshot);
        if (removeShown !== null) {
            drawnIn = entryElement;
            provisional = {
                viewportId: target.viewportId,
                imageId: target.imageId,
                drawnIn: () => drawnIn,
                drawn: Promise.resolve(),
                remove: () => {
                    removed = true;
                    removeShown?.();
                },
            };
            return;
        }
    }
    provisional = {
        viewportId: target.viewportId,
        imageId: target.imageId,
        drawnIn: () => drawnIn,
        drawn: (async () => {
            // Initialising the image loader empties its metadata: registered after it.
            await initCornerstone();
            if (removed)
                return;
            wadors.metaDataManager.add(target.imageId, view.metadata);
            const prepared = await prepare(target);
            const element = elements.get(target.viewportId);
            if (prepared === null || removed || element === undefined || cornerstoneTookOver(element, prepared.image.imageId))
                return;
            removeShown = draw(element, prepared, onSnapshot);
            if (removeShown !== null)
                drawnIn = element;
        })().catch(() => undefined),
        remove: () => {
            removed = true;
            removeShown?.();
        },
    };
}
/** Takes away an early view's image that no plan adopted (idempotent). */
export function removeEarlyViewImage() {
    provisional?.remove();
    provisional = null;
}
/**
 * Shows the first image of a plan before cornerstone can: the middle slice of its axial view, drawn on a plain 2-D
 * canvas above the view from the frame requested early (loading/earlyFrame.ts) as soon as it has arrived, through its
 * rescale and the window cornerstone will open with, at cornerstone's own placement (aspect from the pixel spacing,
 * orientation from the slice's axes) and with the overlay's labels. It stays until cornerstone's view renders a slice
 * whose pixels have arrived or another slice, or the person touches the view; the frame is not requested again (the
 * frame loader takes the early answer). `settled` waits at most EARLY_IMAGE_WAIT_MS; an image prepared later is
 * still drawn unless cornerstone has taken over the view. A local series' middle slice is drawn from cornerstone's
 * cache when it was decoded while the files were read (decodeAhead.ts), before the engine's WebGL set-up. Nothing is
 * drawn without an early frame or a decoded slice, for a colour, inverted, LUT-mapped or tilted slice, or without
 * pixel spacing.
 */
export function showEarlyImage(plan, elements, onSnapshot) {
    markStartup('early-plan');
    const target = earlyTarget(plan);
    const kept = provisional;
    provisional = null;
    if (kept !== null) {
        // Drawn before the plan (or on its way): kept when it is the plan's slice in the plan's view, still on screen.
        const element = elements.get(kept.viewportId);
        if (target !== null && kept.imageId === target.imageId && kept.viewportId === target.viewportId && (kept.drawnIn() === null || kept.drawnIn() === element)) {
            return { settled: Promise.race([kept.drawn, delay(EARLY_IMAGE_WAIT_MS)]).then(() => undefined), remove: kept.remove };
        }
        kept.remove();
    }
    // The entry chunk's image, when no early view took it (the plan came first): moved into the plan's view.
    const entry = target === null ? null : entryImageOf(target.imageId);
    const entryElement = target === null ? undefined : elements.get(target.viewportId);
    if (entry !== null && target !== null && entryElement !== undefined && !cornerstoneTookOver(entryElement, target.imageId)) {
        const removeEntry = adoptEntryImage(entry, entryElement, target, onSnapshot);
        if (removeEntry !== null)
            return { settled: Promise.resolve(), remove: removeEntry };
    }
    releaseEntryImage();
    let removed = false;
    let removeShown = null;
    const drawn = prepare(target).then((prepared) => {
        if (prepared === null || removed)
            return;
        const element = elements.get(prepared.viewportId);
        if (element === undefined || cornerstoneTookOver(element, prepared.image.imageId))
            return;
        removeShown = draw(element, prepared, onSnapshot);
    }).catch(() => undefined);
    return {
        settled: Promise.race([drawn, delay(EARLY_IMAGE_WAIT_MS)]).then(() => undefined),
        remove: () => {
            removed = true;
            removeShown?.();
        },
    };
}
/** Puts the prepared slice on screen in `element` and hands over to cornerstone's first render of an arrived slice. */
function draw(element, prepared, onSnapshot) {
    const { image, plane, range, viewportId } = prepared;
    const rowDirection = vec3Of(plane.rowCosines);
    const columnDirection = vec3Of(plane.columnCosines);
    const columnSpacingMm = Number(plane.columnPixelSpacing);
    const rowSpacingMm = Number(plane.rowPixelSpacing);
    if (rowDirection === null || columnDirection === null)
        return null;
    const canvas = earlyImageCanvas(element);
    const placement = placeSlice({ columns: image.columns, rows: image.rows, rowDirection, columnDirection, columnSpacingMm, rowSpacingMm }, AXIAL_SCREEN, { widthPx: canvas.width, heightPx: canvas.height });
    if (placement === null)
        return null;
    drawSlice(canvas, image, range, placement);
    canvas.dataset.imageId = image.imageId;
    element.append(canvas);
    markStartup('early-drawn');
    return onScreen(element, canvas, { viewportId, sliceIndex: prepared.sliceIndex, sliceCount: prepared.sliceCount, slicePositionMm: Number(plane.imagePositionPatient?.[2]), range, placement }, onSnapshot);
}
/**
 * Marks `element` as showing the early image `canvas` (in it already), gives the overlay its slice, window, sides and
 * scale, and hands over to cornerstone's first render of an arrived slice (or the person's first touch of the view).
 * Returns what takes it away.
 */
function onScreen(element, canvas, shown, onSnapshot) {
    const { range, placement } = shown;
    const imageId = canvas.dataset.imageId ?? '';
    element.dataset.earlyImage = 'true';
    if (shown.sliceIndex !== null) {
        onSnapshot(shown.viewportId, {
            sliceIndex: shown.sliceIndex,
            sliceCount: shown.sliceCount,
            slicePositionMm: shown.slicePositionMm,
            sliceAxis: 'z',
            windowWidth: range.upper - range.lower,
            windowCenter: (range.upper + range.lower) / 2,
            edges: placement.edges,
            worldPerCanvasPixel: placement.mmPerCanvasPixel * (canvas.width / Math.max(1, element.clientWidth)),
            canvasWidth: element.clientWidth,
            invert: false,
        });
    }
    const onRendered = () => {
        if (cornerstoneTookOver(element, imageId))
            remove();
    };
    const remove = () => {
        element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
        element.removeEventListener('pointerdown', remove, true);
        element.removeEventListener('wheel', remove, true);
        canvas.remove();
        delete element.dataset.earlyImage;
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    // The person acts on cornerstone's view underneath: it shows what it has from then on.
    element.addEventListener('pointerdown', remove, true);
    element.addEventListener('wheel', remove, true);
    return remove;
}
/**
 * Moves the entry chunk's image (cornerstone/entryImage.ts: drawn in the shell's frame before the viewer's code ran)
 * into the target's view, fitted to it (the same picture when the view has the frame's size, as it has unless the
 * toolbar wrapped), and puts it on screen there. Null when there is none of this slice, or it cannot be placed.
 */
function adoptEntryImage(entry, element, target, onSnapshot) {
    releaseEntryImage();
    if (entry.canvas.parentElement !== element)
        element.append(entry.canvas);
    if (!entry.fitTo(element)) {
        entry.canvas.remove();
        return null;
    }
    return onScreen(element, entry.canvas, {
        viewportId: target.viewportId,
        sliceIndex: target.sliceIndexAt(entry.positionZMm),
        sliceCount: target.sliceCount,
        slicePositionMm: entry.positionZMm,
        range: entry.range,
        placement: entry.placement,
    }, onSnapshot);
}
