import { slicePlanesOf } from '../loading/grouping';
import { analyzeStack } from '../loading/stackGeometry';
import { screenSeriesImages } from '../loading/seriesScreening';
import { MPR_ORIENTATIONS } from './mprLayout';
/** Files whose image size differs from the series' most common size. */
function oddSizedFiles(images) {
    const counts = new Map();
    for (const { meta } of images)
        counts.set(`${meta.columns}×${meta.rows}`, (counts.get(`${meta.columns}×${meta.rows}`) ?? 0) + 1);
    const [mostCommon] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (counts.size < 2 || mostCommon === undefined)
        return [];
    const [common] = mostCommon;
    return images
        .filter(({ meta }) => `${meta.columns}×${meta.rows}` !== common)
        .map(({ meta }) => ({
        fileName: meta.fileName,
        message: `image size ${meta.columns}×${meta.rows} differs from the rest of its series (${common}): shown in the stack, so the series has no reformats`,
    }));
}
/**
 * The instances sharing the series' most common geometry (orientation within ~0.06°, size, pixel spacing), and the
 * rest. Only images of one geometry can make a volume.
 */
function splitByGeometry(images) {
    const keyOf = ({ meta }) => [meta.frames[0]?.orientation?.map((v) => v.toFixed(3)).join(',') ?? 'none', meta.rows, meta.columns, meta.pixelSpacingMm?.map((v) => v.toFixed(4)).join(',') ?? 'none'].join('|');
    const groups = new Map();
    for (const image of images)
        groups.set(keyOf(image), [...(groups.get(keyOf(image)) ?? []), image]);
    const [main] = [...groups.values()].sort((a, b) => b.length - a.length);
    if (groups.size < 2 || main === undefined)
        return { main: images, others: [] };
    return { main, others: images.filter((i) => !main.includes(i)) };
}
/** A short stable id for a series key (FNV-1a), so viewport ids of different series never collide by suffix. */
function hashKey(key) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
        hash ^= key.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(36);
}
/** The three views of an MPR plan of a series (sagittal first, where vertebrae are measured), its slices in `imageIds`. */
export function mprViewports(seriesKey, imageIds, calibrated) {
    return MPR_ORIENTATIONS.map((orientation) => ({
        viewportId: `vp-${hashKey(seriesKey)}-${orientation}`,
        orientation,
        kind: 'volume',
        seriesKey,
        imageIds,
        calibrated,
        title: null,
    }));
}
/** Decides the layout of a series from its geometry; sagittal first, since that is where vertebrae are measured. */
export function planDisplay(series) {
    // One slice with a malformed attribute or another pixel format is left out and named, not allowed to cost the rest.
    const { kept: images, leftOut } = screenSeriesImages(series.instances.filter((i) => i.meta.kind === 'image'));
    const { main, others } = splitByGeometry(images);
    // A localizer (or another odd image) inside an axial series must not cost the series its reformats.
    const usable = others.length > 0 && main.reduce((n, i) => n + i.imageIds.length, 0) >= 3;
    const geometry = analyzeStack(slicePlanesOf({ ...series, instances: usable ? main : images }));
    const calibrated = images.length > 0 && images.every((i) => i.meta.calibration === 'calibrated');
    const notes = [...geometry.notes];
    const excludedNotes = usable && geometry.volumeCompatible
        ? others.map(({ meta }) => ({
            fileName: meta.fileName,
            message: `a ${meta.columns}×${meta.rows} image of another orientation or size than the rest of its series (a localizer?): left out of the reformats`,
        }))
        : [];
    if (excludedNotes.length > 0) {
        notes.push(`${excludedNotes.length} image(s) of another orientation or size (e.g. a localizer) are left out of the reformats`);
    }
    if (!calibrated) {
        notes.push(images.some((i) => i.meta.calibration === 'detector')
            ? 'uncalibrated: spacing is known only at the detector (ImagerPixelSpacing), so lengths are in pixels and nothing is graded'
            : 'uncalibrated: no pixel spacing, so lengths are in pixels and nothing is graded');
    }
    if (leftOut.length > 0)
        notes.push(`${leftOut.length} slice(s) with a malformed attribute or another pixel format are left out (see the file list)`);
    const fileNotes = [...leftOut, ...(excludedNotes.length > 0 ? excludedNotes : oddSizedFiles(images))];
    const idPrefix = `vp-${hashKey(series.key)}`;
    if (geometry.volumeCompatible && geometry.plane === 'axial' && calibrated) {
        return {
            seriesKey: series.key,
            mode: 'mpr',
            viewports: mprViewports(series.key, geometry.imageIds, calibrated),
            imageIds: geometry.imageIds,
            geometry,
            calibrated,
            notes,
            fileNotes,
        };
    }
    const plane = geometry.plane;
    const orientation = plane === 'axial' || plane === 'sagittal' || plane === 'coronal' ? plane : 'acquisition';
    if (geometry.volumeCompatible && plane !== 'axial') {
        notes.push(`a natively ${plane} series: shown as a ${plane} stack`);
    }
    return {
        seriesKey: series.key,
        mode: 'stack',
        viewports: [{ viewportId: `${idPrefix}-stack`, orientation, kind: 'stack', seriesKey: series.key, imageIds: geometry.imageIds, calibrated, title: null }],
        imageIds: geometry.imageIds,
        geometry,
        calibrated,
        notes,
        fileNotes,
    };
}
/**
 * Compare mode: one view per series side by side, the sagittal reformat of an axial volume or the series' own stack,
 * each headed by its time point label. The first series is the baseline.
 */
export function planCompare(entries) {
    const plans = entries.map(({ series, label }) => ({ plan: planDisplay(series), label }));
    const [first] = plans;
    if (first === undefined)
        throw new Error('planCompare needs at least one series');
    const viewports = plans.flatMap(({ plan, label }, i) => {
        // Every plan has at least one viewport (planDisplay always returns one).
        const view = plan.viewports.find((v) => v.orientation === 'sagittal') ?? plan.viewports[0];
        return view ? [{ ...view, viewportId: `cmp${i}-${view.viewportId}`, title: label }] : [];
    });
    return {
        seriesKey: first.plan.seriesKey,
        mode: 'compare',
        viewports,
        imageIds: plans.flatMap(({ plan }) => plan.imageIds),
        geometry: first.plan.geometry,
        calibrated: plans.every(({ plan }) => plan.calibrated),
        notes: plans.flatMap(({ plan, label }) => plan.notes.map((note) => `${label}: ${note}`)),
        fileNotes: plans.flatMap(({ plan }) => plan.fileNotes),
    };
}
