import { cache, metaData, utilities, type StackViewport, type Types, type VolumeViewport } from '@cornerstonejs/core';
import { frameHalfHeightMm, frameSpine, SPINE_PLANE_MIN_DISC_GAPS, spinePlaneAmong, type FrameModality, type SpineFrame, type SpinePlaneCandidate } from '../../analysis/frameSpine';
import { samplePlane } from '../../analysis/samplePlane';
import { spineMidline } from '../../analysis/spineMidline';
import type { PlaneImage } from '../../analysis/image';
import { displayedPlaneOf, stackSlicedVolume } from './stackAnalysisImage';
import { nearestPlane, planeBlock, type SlicedVolume } from './volumeBlock';
import { dot3, type Vec3 } from '../../analysis/vec';

/** Sampling of the mid-sagittal plane searched for the column: coarse enough to stay fast, fine enough for bodies, mm. */
const FRAME_SAMPLING_MM = 1;
/** Largest side of that plane, pixels (a whole-body CT is sampled more coarsely). */
const FRAME_MAX_SIDE_PX = 600;

/** Outcome of framing one view, also written to its element as `data-framed`. */
export type FrameOutcome = 'spine' | 'fit' | 'user';

/** The cameras framing put the views in; Reset returns there rather than to a whole-image fit. */
const framedCameras = new Map<string, Types.ICamera>();

export function framedCameraOf(viewportId: string): Types.ICamera | undefined {
  return framedCameras.get(viewportId);
}

/** A 3-vector built one component at a time (x, y, z). */
const componentwise = (component: (axis: 0 | 1 | 2) => number): Types.Point3 => [component(0), component(1), component(2)];

const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function modalityOf(imageId: string | undefined): FrameModality {
  const modality = imageId ? (metaData.get('generalSeriesModule', imageId) as { modality?: string } | undefined)?.modality : undefined;
  return modality === 'CT' ? 'CT' : 'MR';
}

/**
 * The planes beside a CT sagittal view searched for the spine when its own plane shows none: every SPINE_SEARCH_STEP_MM
 * up to SPINE_SEARCH_MM either side along the view normal (a body is 30–50 mm wide, so a step falls on it several
 * times), sampled every SPINE_SEARCH_SAMPLING_MM (columns are told apart by their discs, 5–15 mm apart).
 */
const SPINE_SEARCH_MM = 60;
const SPINE_SEARCH_STEP_MM = 3;
const SPINE_SEARCH_SAMPLING_MM = 2;

/**
 * A volume of cornerstone's cache as the analysis samples it: each slice read from its image in the cache (assembling
 * the whole volume would copy every voxel, a 1,000-slice series is 500 MB, to sample one plane), each looked up once.
 */
function slicedVolumeOf(volume: Types.IImageVolume): SlicedVolume {
  const d = volume.direction;
  const slices = new Map<number, ArrayLike<number> | null>();
  return {
    dimensions: [volume.dimensions[0], volume.dimensions[1], volume.dimensions[2]],
    originMm: [volume.origin[0], volume.origin[1], volume.origin[2]],
    rowCosine: [d[0], d[1], d[2]],
    columnCosine: [d[3], d[4], d[5]],
    sliceCosine: [d[6], d[7], d[8]],
    spacingMm: [volume.spacing[0], volume.spacing[1], volume.spacing[2]],
    sliceValues: (k) => {
      let values = slices.get(k);
      if (values === undefined) {
        const imageId = volume.imageIds[k];
        values = (imageId === undefined ? undefined : cache.getImage(imageId)?.getPixelData()) ?? null;
        slices.set(k, values);
      }
      return values;
    },
  };
}

/**
 * The sagittal plane of a volume viewport as the analysis reads it: through the focal point (moved `offsetMm` along the
 * view normal), in screen axes, sampled every `samplingMm` at least: a square as wide as the volume's diagonal centred
 * on the focal point, interpolated; with `search`, only the volume's own extent on the plane, at the nearest voxels (no
 * block copied, a third of the pixels on the chest CT: many planes are read). `sliced`: the volume's slices when several
 * planes are read from it.
 */
function planeOfVolumeView(
  viewport: VolumeViewport,
  options: { readonly offsetMm?: number; readonly samplingMm?: number; readonly search?: boolean; readonly sliced?: SlicedVolume } = {},
): PlaneImage | null {
  const { offsetMm = 0, samplingMm = FRAME_SAMPLING_MM, search = false } = options;
  const volumeId = viewport.getVolumeId?.();
  const volume = volumeId ? cache.getVolume(volumeId) : undefined;
  if (!volume) return null;
  const d = volume.direction;
  const slicedVolume = options.sliced ?? slicedVolumeOf(volume);
  const camera = viewport.getCamera();
  const up = camera.viewUp as Vec3;
  const normal = camera.viewPlaneNormal as Vec3;
  const focal = componentwise((i) => camera.focalPoint![i] + offsetMm * normal[i]);
  const right = cross(up, normal);
  const extentMm = Math.hypot(...componentwise((i) => volume.dimensions[i] * volume.spacing[i]));
  const spacingMm = Math.max(samplingMm, extentMm / FRAME_MAX_SIDE_PX);
  const down: Vec3 = [-up[0], -up[1], -up[2]];
  // Along each plane axis, from where to where the plane is sampled, mm from the focal point.
  let across: readonly [number, number] = [-extentMm / 2, extentMm / 2];
  let along: readonly [number, number] = [-extentMm / 2, extentMm / 2];
  if (search) {
    const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((c) =>
      componentwise((i) => slicedVolume.originMm[i]
        + (c & 1 ? (volume.dimensions[0] - 1) * volume.spacing[0] * d[i] : 0)
        + (c & 2 ? (volume.dimensions[1] - 1) * volume.spacing[1] * d[3 + i]! : 0)
        + (c & 4 ? (volume.dimensions[2] - 1) * volume.spacing[2] * d[6 + i]! : 0)));
    const on = (axis: Vec3) => corners.map((p) => (p[0] - focal[0]) * axis[0] + (p[1] - focal[1]) * axis[1] + (p[2] - focal[2]) * axis[2]);
    across = [Math.min(...on(right)), Math.max(...on(right))];
    along = [Math.min(...on(down)), Math.max(...on(down))];
  }
  const originMm: Vec3 = componentwise((i) => focal[i] + right[i] * across[0] + down[i] * along[0]);
  const columns = Math.ceil((across[1] - across[0]) / spacingMm) + 1;
  const rows = Math.ceil((along[1] - along[0]) / spacingMm) + 1;
  const planeSpec = { originMm, rowCosine: right, columnCosine: down, columns, rows, spacingMm };
  if (search) return nearestPlane(slicedVolume, planeSpec);
  const block = planeBlock(slicedVolume, planeSpec);
  const plane = block ? samplePlane(block, planeSpec) : null;
  return plane?.ok ? plane.value : null;
}

/** The displayed image of a stack viewport (a native sagittal series) as a plane image, values rescaled; null uncalibrated. */
function planeOfStackView(viewport: StackViewport): PlaneImage | null {
  const plane = displayedPlaneOf(viewport, true);
  return plane?.calibrated ? plane : null;
}

/** Moves the camera onto the column found on the plane; its slice (depth along the view normal) is kept. */
function applyFrame(viewport: Types.IViewport, frame: SpineFrame): void {
  const camera = viewport.getCamera();
  const normal = camera.viewPlaneNormal!;
  const focal = camera.focalPoint!;
  const cameraPosition = camera.position!;
  const offset = ([0, 1, 2] as const).reduce<number>((sum, i) => sum + (frame.centreMm[i] - focal[i]) * normal[i], 0);
  const focalPoint = componentwise((i) => frame.centreMm[i] - offset * normal[i]);
  const position = componentwise((i) => cameraPosition[i] + focalPoint[i] - focal[i]);
  const aspect = viewport.canvas.clientWidth / Math.max(1, viewport.canvas.clientHeight);
  viewport.setCamera({ focalPoint, position, parallelScale: frameHalfHeightMm(frame, aspect) });
  viewport.render();
}

/**
 * Frames a CT sagittal view on the vertebral column found in its image (analysis/frameSpine), unless the person has
 * already moved or zoomed it since `openedCamera`; otherwise, and on MR, it keeps the whole-image fit. Writes
 * `data-framed`. Not on MR: a sagittal MR's field of view is set on the spine when it is acquired, and no grey level
 * marks bone there (on T2 the CSF, the fat and the discs are the bright class; on T1 the marrow and the fat): on two
 * real lumbar MR sets (tests/helpers/lumbarMr.ts, 28 exams) the column found on the opening plane held every traced
 * body on 16 exams; on the others the view opened zoomed on the sacrum, the canal or the fat behind the spine, with the
 * bodies to measure out of sight.
 */
export function frameSpineView(viewport: Types.IViewport, openedCamera: Types.ICamera | null, seriesImageId: string | undefined): FrameOutcome {
  const element = viewport.element;
  const now = viewport.getCamera();
  const moved = openedCamera !== null && cameraChanged(now, openedCamera);
  let outcome: FrameOutcome = 'fit';
  const modality = modalityOf(seriesImageId);
  if (moved) {
    outcome = 'user';
  } else if (modality === 'CT') {
    const isStack = 'getCornerstoneImage' in viewport && typeof (viewport as StackViewport).getCornerstoneImage === 'function';
    const plane = isStack ? planeOfStackView(viewport as StackViewport) : planeOfVolumeView(viewport as VolumeViewport);
    let frame = plane ? frameSpine(plane, modality) : null;
    if (!isStack && !(frame?.ok && frame.value.discGaps >= SPINE_PLANE_MIN_DISC_GAPS)) {
      const moved = showSpinePlane(viewport as VolumeViewport, frame?.ok ? frame.value : null);
      if (moved) frame = moved;
    }
    if (!isStack && frame?.ok && frame.value.discGaps >= SPINE_PLANE_MIN_DISC_GAPS) {
      const centred = showSpineMidline(viewport as VolumeViewport);
      if (centred?.ok) frame = centred;
    }
    if (frame?.ok) {
      applyFrame(viewport, frame.value);
      framedCameras.set(viewport.id, viewport.getCamera());
      outcome = 'spine';
    }
  }
  element.dataset.framed = outcome;
  return outcome;
}

/**
 * On a CT sagittal view whose plane shows no spine (`current`: the column frameSpine found on it, if any), the planes
 * beside it are searched (analysis/frameSpine spinePlaneAmong) and the view moved to the one that shows the spine, on a
 * slice of the volume. The spine's column found on that plane, for framing; null when the view stays.
 */
function showSpinePlane(viewport: VolumeViewport, current: SpineFrame | null): ReturnType<typeof frameSpine> | null {
  const volumeId = viewport.getVolumeId?.();
  const volume = volumeId ? cache.getVolume(volumeId) : undefined;
  if (!volume) return null;
  const camera = viewport.getCamera();
  const normal = camera.viewPlaneNormal as Vec3;
  const up = camera.viewUp as Vec3;
  const right = cross(up, normal);
  // Where a column's centre lies in the planes' shared axes (across, down), from the displayed plane's focal point.
  const inPlane = (centreMm: Vec3): readonly [number, number] => {
    const d = componentwise((i) => centreMm[i] - camera.focalPoint![i]);
    return [d[0] * right[0] + d[1] * right[1] + d[2] * right[2], -(d[0] * up[0] + d[1] * up[1] + d[2] * up[2])];
  };
  const sliced = slicedVolumeOf(volume);
  const candidates: SpinePlaneCandidate[] = [];
  for (let offsetMm = -SPINE_SEARCH_MM; offsetMm <= SPINE_SEARCH_MM; offsetMm += SPINE_SEARCH_STEP_MM) {
    if (offsetMm === 0) continue;
    const plane = planeOfVolumeView(viewport, { offsetMm, samplingMm: SPINE_SEARCH_SAMPLING_MM, search: true, sliced });
    const found = plane ? frameSpine(plane, 'CT') : null;
    if (found?.ok) candidates.push({ offsetMm, discGaps: found.value.discGaps, atMm: inPlane(found.value.centreMm) });
  }
  const chosen = spinePlaneAmong(candidates, current ? { discGaps: current.discGaps, atMm: inPlane(current.centreMm) } : null, SPINE_SEARCH_STEP_MM);
  if (chosen === null) return null;
  moveAlongNormal(viewport, camera, chosen);
  const plane = planeOfVolumeView(viewport, { sliced });
  return plane ? frameSpine(plane, 'CT') : null;
}

/** Moves a volume view `offsetMm` along its normal from `camera`, rounded to a slice of the volume; the distance moved, mm. */
function moveAlongNormal(viewport: VolumeViewport, camera: Types.ICamera, offsetMm: number): number {
  const { spacingInNormalDirection } = utilities.getTargetVolumeAndSpacingInNormalDir(viewport, camera);
  const movedMm = spacingInNormalDirection > 0 ? Math.round(offsetMm / spacingInNormalDirection) * spacingInNormalDirection : offsetMm;
  const normal = camera.viewPlaneNormal!;
  if (movedMm !== 0) {
    viewport.setCamera({
      focalPoint: componentwise((i) => camera.focalPoint![i] + movedMm * normal[i]),
      position: componentwise((i) => camera.position![i] + movedMm * normal[i]),
    });
  }
  return movedMm;
}

/** A move to the spine's midline shorter than this is not made, mm: the plane already shows the bodies' middle. */
const MIDLINE_MIN_MOVE_MM = 1.5;

/**
 * On a CT sagittal view that shows the spine, moves the view to the spine's midline (analysis/spineMidline: the plane
 * about which the vertebral arches are mirror images), on a slice of the volume: the volume's middle plane lies beside
 * it when the patient is not centred in the field of view (VerSe's 4.6 mm, a chest CT moved to its spine 1–5 mm), and
 * bodies read on a plane through their side are read short. The column found on the new plane, for framing; null when
 * the view stays.
 */
function showSpineMidline(viewport: VolumeViewport): ReturnType<typeof frameSpine> | null {
  const volumeId = viewport.getVolumeId?.();
  const volume = volumeId ? cache.getVolume(volumeId) : undefined;
  if (!volume) return null;
  const camera = viewport.getCamera();
  const normal = camera.viewPlaneNormal as Vec3;
  const sliced = slicedVolumeOf(volume);
  const midline = spineMidline({
    sagittalAt: (offsetMm) => planeOfVolumeView(viewport, { offsetMm, samplingMm: FRAME_SAMPLING_MM, search: true, sliced }),
    // Interpolated: the mirror is read to half a millimetre, finer than a voxel.
    plane: (spec) => interpolatedPlane(sliced, spec),
  }, normal);
  if (!midline.ok || Math.abs(midline.value.offsetMm) < MIDLINE_MIN_MOVE_MM) return null;
  if (moveAlongNormal(viewport, camera, midline.value.offsetMm) === 0) return null;
  const plane = planeOfVolumeView(viewport, { sliced });
  const frame = plane ? frameSpine(plane, 'CT') : null;
  if (frame?.ok && frame.value.discGaps >= SPINE_PLANE_MIN_DISC_GAPS) return frame;
  // The plane moved to shows the spine less well than the one left: back to that.
  viewport.setCamera({ focalPoint: camera.focalPoint!, position: camera.position! });
  return null;
}

/** Whether the camera has been panned or zoomed away from `before`. */
function cameraChanged(now: Types.ICamera, before: Types.ICamera): boolean {
  return (
    Math.abs((now.parallelScale ?? 0) - (before.parallelScale ?? 0)) > 1e-6 ||
    ([0, 1, 2] as const).some((i) => Math.abs((now.focalPoint?.[i] ?? 0) - (before.focalPoint?.[i] ?? 0)) > 1e-6)
  );
}

/**
 * On a native sagittal CT stack framed on the spine, shows the image nearest the spine's midline (analysis/spineMidline,
 * as on a reformat) once every image of the stack has loaded, unless the reader has scrolled, panned or zoomed since
 * it opened on its middle image, or the display is gone (`shown`). A sagittal series' middle image need not be the
 * midline: VerSe's lies 5 mm beside its bodies' middle. The element's `data-midline` is `pending` while the images
 * load, `done` after.
 */
export async function showStackMidline(viewport: StackViewport, seriesImageId: string | undefined, shown: () => boolean): Promise<void> {
  const element = viewport.element;
  if (modalityOf(seriesImageId) !== 'CT' || element.dataset.framed !== 'spine') return;
  const index = viewport.getCurrentImageIdIndex();
  const camera = viewport.getCamera();
  element.dataset.midline = 'pending';
  try {
    const stack = await stackSlicedVolume(viewport);
    const displayed = planeOfStackView(viewport);
    if (!stack || !displayed || !shown() || viewport.getCurrentImageIdIndex() !== index || cameraChanged(viewport.getCamera(), camera)) return;
    const { sliced, normal } = stack;
    const columns = Math.round(((displayed.columns - 1) * displayed.columnSpacingMm) / FRAME_SAMPLING_MM) + 1;
    const rows = Math.round(((displayed.rows - 1) * displayed.rowSpacingMm) / FRAME_SAMPLING_MM) + 1;
    const sagittalAt = (offsetMm: number) => nearestPlane(sliced, {
      originMm: componentwise((i) => displayed.originMm[i] + offsetMm * normal[i]),
      rowCosine: displayed.rowCosine,
      columnCosine: displayed.columnCosine,
      columns,
      rows,
      spacingMm: FRAME_SAMPLING_MM,
    });
    const midline = spineMidline({ sagittalAt, plane: (spec) => interpolatedPlane(sliced, spec) }, normal);
    if (!midline.ok || Math.abs(midline.value.offsetMm) < MIDLINE_MIN_MOVE_MM) return;
    // Image k lies (k − index) slices along the stack's slice direction from the displayed one.
    const stepMm = sliced.spacingMm[2] * dot3(sliced.sliceCosine, normal);
    const target = Math.min(sliced.dimensions[2] - 1, Math.max(0, index + Math.round(midline.value.offsetMm / stepMm)));
    if (target === index) return;
    const there = frameSpine(sagittalAt((target - index) * stepMm), 'CT');
    if (!(there.ok && there.value.discGaps >= SPINE_PLANE_MIN_DISC_GAPS)) return;
    await viewport.setImageIdIndex(target);
  } catch {
    // A display torn down while its images loaded, or an image the move could not read: the view stays where it opened
    // (the move is a convenience; the stack's own failures are reported where it loads).
  } finally {
    element.dataset.midline = 'done';
  }
}

/** A plane of a sliced volume, interpolated (analysis/samplePlane on the block of slices it crosses); null outside. */
function interpolatedPlane(sliced: SlicedVolume, spec: Parameters<typeof nearestPlane>[1]): PlaneImage | null {
  const block = planeBlock(sliced, spec);
  const plane = block ? samplePlane(block, spec) : null;
  return plane?.ok ? plane.value : null;
}

export function forgetFraming(viewportId: string): void {
  framedCameras.delete(viewportId);
}
