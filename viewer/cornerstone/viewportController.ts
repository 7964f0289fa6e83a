import {
  Enums,
  RenderingEngine,
  cache,
  eventTarget,
  getRenderingEngine,
  imageLoader,
  setVolumesForViewports,
  utilities,
  volumeLoader,
  type StackViewport,
  type Types,
  type VolumeViewport,
} from '@cornerstonejs/core';
import * as tools from '@cornerstonejs/tools';
import type { DisplayPlan, ViewportSpec } from '../model/displayPlan';
import type { PrimaryTool } from '../state/primaryTool';
import type { ViewportSnapshot } from '../state/viewportSnapshot';
import type { Vec3 } from '../loading/instanceMeta';
import { autoWindow } from './autoWindow';
import { RENDER_ERROR_EVENT } from './renderRecovery';
import { negate, orientationLabel } from './orientationLabels';
import { describeVertebra, followStore } from './measurementBridge';
import { createPlacementAssist } from './assistClicks';
import { followForeignAnnotations } from './foreignBridge';
import { ForeignAnnotationTool } from '../tools/ForeignAnnotationTool';
import { VertebralHeightTool, type VertebralHeightConfiguration } from '../tools/VertebralHeightTool';
import { getState, setState } from '../state/store';
import type { VertebraMeasurement } from '../model/measurements';
import { forgetFraming, framedCameraOf, frameSpineView } from './frameViews';
import { orderVolumeRetrieval } from './retrieveOrder';
import { throttleStreamingRenders } from './streamingRender';

const ENGINE_ID = 'vertebral-height-engine';
const TOOL_GROUP_ID = 'vertebral-height-tools';

export interface ControllerCallbacks {
  onSnapshot: (viewportId: string, snapshot: ViewportSnapshot) => void;
  onLoadProgress: (decoded: number, total: number) => void;
  onImageError: (imageId: string, message: string) => void;
}

export interface WindowPreset {
  id: string;
  label: string;
  /** null: computed from the displayed pixels. */
  window: { center: number; width: number } | null;
}

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: 'bone', label: 'CT bone', window: { center: 500, width: 2000 } },
  { id: 'soft', label: 'CT soft tissue', window: { center: 40, width: 400 } },
  { id: 'auto', label: 'Auto (MR spine)', window: null },
];

const TOOL_NAMES: Record<PrimaryTool, string> = {
  windowLevel: tools.WindowLevelTool.toolName,
  pan: tools.PanTool.toolName,
  zoom: tools.ZoomTool.toolName,
  crosshairs: tools.CrosshairsTool.toolName,
  vertebralHeight: VertebralHeightTool.toolName,
};

function engine(): RenderingEngine {
  return (getRenderingEngine(ENGINE_ID)) ?? new RenderingEngine(ENGINE_ID);
}

function orientationEnum(spec: ViewportSpec): Enums.OrientationAxis {
  if (spec.orientation === 'sagittal') return Enums.OrientationAxis.SAGITTAL;
  if (spec.orientation === 'coronal') return Enums.OrientationAxis.CORONAL;
  return Enums.OrientationAxis.AXIAL;
}

function sub(a: Types.Point3, b: Types.Point3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function unit(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

function errorText(detail: unknown): string {
  if (detail instanceof Error) return detail.message;
  // Some wasm decoders throw a bare number (an internal error code or pointer).
  if (typeof detail === 'number') return `the compressed pixel data is corrupt or uses an unsupported variant (decoder code ${detail})`;
  if (typeof detail === 'object' && detail !== null) {
    const inner = (detail as { error?: unknown; message?: unknown }).error ?? (detail as { message?: unknown }).message;
    if (inner !== undefined) return errorText(inner);
  }
  return String(detail);
}

/** Everything an overlay needs, read from the viewport's camera and properties. */
export function snapshotOf(viewport: Types.IViewport): ViewportSnapshot | null {
  const canvas = viewport.canvas;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return null;
  const center = viewport.canvasToWorld([width / 2, height / 2]);
  const right = viewport.canvasToWorld([width / 2 + 100, height / 2]);
  const down = viewport.canvasToWorld([width / 2, height / 2 + 100]);
  const rightDir = unit(sub(right, center));
  const downDir = unit(sub(down, center));
  const normal = unit([
    rightDir[1] * downDir[2] - rightDir[2] * downDir[1],
    rightDir[2] * downDir[0] - rightDir[0] * downDir[2],
    rightDir[0] * downDir[1] - rightDir[1] * downDir[0],
  ]);
  const axisIndex = ([0, 1, 2] as const).find((i) => Math.abs(normal[i]) > 0.999);
  const props = (viewport as StackViewport).getProperties?.() ?? {};
  const voi = props.voiRange;
  return {
    sliceIndex: viewport.getSliceIndex(),
    sliceCount: viewport.getNumberOfSlices(),
    slicePositionMm: axisIndex === undefined ? null : center[axisIndex],
    sliceAxis: axisIndex === undefined ? 'n' : (['x', 'y', 'z'] as const)[axisIndex],
    windowWidth: voi ? voi.upper - voi.lower : null,
    windowCenter: voi ? (voi.upper + voi.lower) / 2 : null,
    edges: {
      left: orientationLabel(negate(rightDir)),
      right: orientationLabel(rightDir),
      top: orientationLabel(negate(downDir)),
      bottom: orientationLabel(downDir),
    },
    worldPerCanvasPixel: Math.hypot(...sub(right, center)) / 100,
    canvasWidth: width,
    invert: Boolean(props.invert),
  };
}

/**
 * Shows one display plan in the given elements and keeps overlays, progress and tools in step with cornerstone.
 * Returns a function that tears it all down (viewports, tool group, listeners).
 */
export async function showPlan(
  plan: DisplayPlan,
  elements: ReadonlyMap<string, HTMLDivElement>,
  primaryTool: PrimaryTool,
  callbacks: ControllerCallbacks,
): Promise<() => void> {
  const renderingEngine = engine();
  const disposers: Array<() => void> = [];
  const imageIdSet = new Set(plan.viewports.flatMap((v) => v.imageIds));

  renderingEngine.setViewports(
    plan.viewports.map((spec) => ({
      viewportId: spec.viewportId,
      type: spec.kind === 'volume' ? Enums.ViewportType.ORTHOGRAPHIC : Enums.ViewportType.STACK,
      element: elements.get(spec.viewportId)!,
      defaultOptions: spec.kind === 'volume' ? { orientation: orientationEnum(spec), background: [0, 0, 0] as Types.Point3 } : { background: [0, 0, 0] as Types.Point3 },
    })),
  );

  const publish = (viewportId: string) => {
    const viewport = renderingEngine.getViewport(viewportId);
    if (!viewport) return;
    const snapshot = snapshotOf(viewport);
    if (snapshot) callbacks.onSnapshot(viewportId, snapshot);
  };

  for (const spec of plan.viewports) {
    const element = elements.get(spec.viewportId)!;
    element.dataset.loadProgress = '0';
    delete element.dataset.loaded;
    delete element.dataset.rendered;
    const onRendered = () => {
      element.dataset.rendered = 'true';
      publish(spec.viewportId);
    };
    const onChange = () => publish(spec.viewportId);
    // A viewport that fails to draw (see renderRecovery.ts) names its image in the problem list.
    const onRenderError = (event: Event) => {
      const viewport = renderingEngine.getViewport<StackViewport>(spec.viewportId) as StackViewport | undefined;
      const imageId = (spec.kind === 'stack' ? viewport?.getCurrentImageId?.() : undefined) ?? spec.imageIds[0];
      if (imageId) callbacks.onImageError(imageId, `the image cannot be drawn (${(event as CustomEvent<{ message: string }>).detail.message})`);
    };
    delete element.dataset.renderError;
    delete element.dataset.setupError;
    element.addEventListener(RENDER_ERROR_EVENT, onRenderError);
    disposers.push(() => element.removeEventListener(RENDER_ERROR_EVENT, onRenderError));
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    for (const name of [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOLUME_NEW_IMAGE]) {
      element.addEventListener(name, onChange);
    }
    disposers.push(() => {
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      for (const name of [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOLUME_NEW_IMAGE]) {
        element.removeEventListener(name, onChange);
      }
    });
  }

  // The views change size when panels appear or the window is resized: cornerstone must resize its canvases, or the
  // image would be stretched while clicks and drawings use the old geometry.
  let resizeFrame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      renderingEngine.resize(true, true);
      for (const spec of plan.viewports) publish(spec.viewportId);
    });
  });
  for (const spec of plan.viewports) observer.observe(elements.get(spec.viewportId)!);
  disposers.push(() => {
    cancelAnimationFrame(resizeFrame);
    observer.disconnect();
  });

  // Each image counts once, loaded or failed: cornerstone fires IMAGE_LOADED on cache hits too, and a failed image is
  // dropped from its cache and may fail again on the next request.
  const settled = new Set<string>();
  const setProgress = () => {
    for (const spec of plan.viewports) {
      const element = elements.get(spec.viewportId)!;
      const done = spec.imageIds.filter((id) => settled.has(id)).length;
      element.dataset.loadProgress = (spec.imageIds.length ? done / spec.imageIds.length : 1).toFixed(3);
      if (done >= spec.imageIds.length) element.dataset.loaded = 'true';
    }
    callbacks.onLoadProgress(settled.size, imageIdSet.size);
  };
  const fail = (imageId: string, message: string) => {
    if (settled.has(imageId)) return;
    settled.add(imageId);
    callbacks.onImageError(imageId, message);
    setProgress();
  };
  const onImageLoaded = (event: Event) => {
    const image = (event as CustomEvent<{ image?: Types.IImage }>).detail?.image;
    const imageId = image?.imageId;
    if (!image || !imageId || !imageIdSet.has(imageId) || settled.has(imageId)) return;
    // Some decoders return an empty buffer instead of failing: that is no image.
    const expected = image.rows * image.columns * (image.color ? 3 : 1);
    if (expected === 0 || (image.getPixelData?.()?.length ?? 0) < expected) {
      fail(imageId, 'the decoder returned no pixel data (corrupt compressed data?)');
      return;
    }
    settled.add(imageId);
    setProgress();
  };
  const onImageFailed = (event: Event) => {
    const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    if (detail?.imageId && imageIdSet.has(detail.imageId)) fail(detail.imageId, errorText(detail.error));
  };
  eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
  disposers.push(() => {
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onImageLoaded);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_FAILED, onImageFailed);
  });

  createToolGroup(plan, primaryTool);
  disposers.push(() => {
    cancelPlacement();
    tools.ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
  });
  if (plan.mode === 'compare') {
    linkViews(plan, getState().compare?.linked ?? true);
    disposers.push(() => linkViews(plan, false));
  }
  disposers.push(followStore(new Set(plan.viewports.map((v) => v.seriesKey)), plan.viewports.map((v) => v.viewportId), ENGINE_ID));
  disposers.push(followForeignAnnotations(new Set(plan.viewports.map((v) => v.seriesKey)), plan.viewports.map((v) => v.viewportId), ENGINE_ID));

  // Sagittal views are framed on the vertebral column once their image is in (unless the person moved them first).
  const sagittalSpecs = plan.viewports.filter((v) => v.orientation === 'sagittal');
  const openedCameras = new Map<string, Types.ICamera>();
  let tornDown = false;
  disposers.push(() => {
    tornDown = true;
    for (const spec of plan.viewports) forgetFraming(spec.viewportId);
  });
  const frame = (specs: readonly ViewportSpec[]) => {
    if (tornDown) return;
    for (const spec of specs.filter((v) => v.orientation === 'sagittal')) {
      const viewport = renderingEngine.getViewport(spec.viewportId);
      if (viewport) frameSpineView(viewport, openedCameras.get(spec.viewportId) ?? null, spec.imageIds[0]);
    }
  };

  const teardown = () => {
    for (const dispose of disposers.reverse()) dispose();
    for (const spec of plan.viewports) {
      try {
        renderingEngine.disableElement(spec.viewportId);
      } catch {
        // already disabled
      }
    }
  };

  // Each series of the plan: one volume for its volume viewports (reformats), or its own stack.
  const seriesKeys = [...new Set(plan.viewports.map((v) => v.seriesKey))];
  // A series that fails to set up releases what it took (listeners, tool group, viewports) so the next one starts clean.
  try {
    for (const seriesKey of seriesKeys) {
      const specs = plan.viewports.filter((v) => v.seriesKey === seriesKey);
      const volumeSpecs = specs.filter((v) => v.kind === 'volume');
      const [firstVolumeSpec] = volumeSpecs;
      if (firstVolumeSpec !== undefined) {
        const imageIds = firstVolumeSpec.imageIds;
        const volumeId = `cornerstoneStreamingImageVolume:${seriesKey}`;
        const existing = cache.getVolume(volumeId);
        const volume = existing ?? (await volumeLoader.createAndCacheVolume(volumeId, { imageIds }));
        await setVolumesForViewports(renderingEngine, [{ volumeId }], volumeSpecs.map((v) => v.viewportId));
        for (const spec of volumeSpecs) {
          const viewport = renderingEngine.getViewport(spec.viewportId);
          if (viewport && sagittalSpecs.includes(spec)) openedCameras.set(spec.viewportId, viewport.getCamera());
        }
        const streaming = volume as unknown as {
          imageIds: string[];
          cachedFrames?: unknown[];
          loadStatus?: { loaded?: boolean };
          load: (callback?: () => void) => void;
        };
        const settleAll = () => {
          for (const id of imageIds) settled.add(id);
          setProgress();
          frame(volumeSpecs);
        };
        if (streaming.loadStatus?.loaded) {
          for (const id of imageIds) settled.add(id);
          frame(volumeSpecs);
        } else {
          // A volume shown before (still streaming): count the frames it already holds; the rest arrive as events.
          streaming.cachedFrames?.forEach((cached, index) => {
            const imageId = streaming.imageIds[index];
            if (cached && imageId !== undefined) settled.add(imageId);
          });
          // Stream the slices in, the middle one first, then interleaved passes (a coarse reformat early), rendering a
          // few times a second. The callback also covers frames that finished loading between two displays of this
          // volume, whose events this display never saw.
          orderVolumeRetrieval(volumeId, streaming.imageIds.length);
          disposers.push(throttleStreamingRenders(renderingEngine, volumeId, volume as unknown as { autoRenderOnLoad?: boolean }, volumeSpecs.map((v) => v.viewportId)));
          streaming.load(settleAll);
        }
      }
      for (const spec of specs.filter((v) => v.kind === 'stack')) {
        const viewport = renderingEngine.getViewport<StackViewport>(spec.viewportId);
        const middle = Math.floor(spec.imageIds.length / 2);
        // An empty stack (never planned) is reported under its viewport id, as there is no image to name.
        await viewport.setStack(spec.imageIds, middle).catch((error: unknown) => fail(spec.imageIds[middle] ?? spec.viewportId, errorText(error)));
        openedCameras.set(spec.viewportId, viewport.getCamera());
        frame([spec]);
        // Decode the whole stack in the background so scrolling never waits and progress reaches 100 %.
        for (const imageId of spec.imageIds) {
          imageLoader.loadAndCacheImage(imageId).catch(() => undefined);
        }
      }
    }
  } catch (error) {
    teardown();
    throw error;
  }
  setProgress();
  renderingEngine.render();
  for (const spec of plan.viewports) publish(spec.viewportId);

  return teardown;
}

function createToolGroup(plan: DisplayPlan, primaryTool: PrimaryTool) {
  tools.ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
  const group = tools.ToolGroupManager.createToolGroup(TOOL_GROUP_ID)!;
  for (const spec of plan.viewports) group.addViewport(spec.viewportId, ENGINE_ID);
  group.addTool(tools.WindowLevelTool.toolName);
  group.addTool(tools.PanTool.toolName);
  group.addTool(tools.ZoomTool.toolName);
  group.addTool(tools.StackScrollTool.toolName);
  group.addTool(VertebralHeightTool.toolName, {
    getNextLevel: () => getState().nextLevel,
    seriesKeyOf: (viewportId: string) => plan.viewports.find((v) => v.viewportId === viewportId)?.seriesKey ?? plan.seriesKey,
    describe: describeVertebra,
    onPlacementProgress: (placementCount: number) => setState({ placementCount }),
    assist: createPlacementAssist({ plan, viewportOf: (viewportId) => engine().getViewport(viewportId) }),
  } satisfies VertebralHeightConfiguration);
  // Placed vertebrae stay visible (and their handles draggable) whichever tool has the left button.
  group.setToolPassive(VertebralHeightTool.toolName);
  // Measurements of other viewers are drawn, never edited: Enabled renders without taking any input.
  group.addTool(ForeignAnnotationTool.toolName);
  group.setToolEnabled(ForeignAnnotationTool.toolName);
  if (plan.mode === 'mpr') {
    group.addTool(tools.CrosshairsTool.toolName, {
      getReferenceLineColor: (viewportId: string) => {
        const orientation = plan.viewports.find((v) => v.viewportId === viewportId)?.orientation;
        return orientation === 'sagittal' ? 'rgb(255, 200, 0)' : orientation === 'coronal' ? 'rgb(0, 200, 255)' : 'rgb(80, 255, 80)';
      },
      getReferenceLineControllable: () => true,
      // Draggable lines are what lets a click on one view move the others there (the tool's jump); rotating a plane
      // gives an oblique reformat, which suits a rotated spine: points stay in patient coordinates either way.
      getReferenceLineDraggableRotatable: () => true,
      getReferenceLineSlabThicknessControlsOn: () => false,
    });
  }
  const { MouseBindings } = tools.Enums;
  group.setToolActive(tools.StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  group.setToolActive(tools.ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(tools.PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  setPrimaryTool(primaryTool, plan.mode === 'mpr');
  return group;
}

/** Binds the left mouse button to one tool, keeping wheel, right and middle bindings. */
export function setPrimaryTool(primaryTool: PrimaryTool, mprAvailable: boolean): void {
  const group = tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
  if (!group) return;
  const { MouseBindings } = tools.Enums;
  const chosen = primaryTool === 'crosshairs' && !mprAvailable ? 'windowLevel' : primaryTool;
  for (const [key, name] of Object.entries(TOOL_NAMES)) {
    if (key === 'crosshairs' && !mprAvailable) continue;
    if (key === chosen) continue;
    const bindings = group.getToolOptions(name)?.bindings ?? [];
    const keep = bindings.filter((b: { mouseButton?: number }) => b.mouseButton !== MouseBindings.Primary);
    if (keep.length > 0) {
      group.setToolActive(name, { bindings: keep });
    } else if (key === 'crosshairs') {
      // Enabled crosshairs keep drawing the reference lines but never take a click meant for another tool; while
      // points are placed they are hidden, so no line runs over the vertebra being clicked.
      if (chosen === 'vertebralHeight') group.setToolDisabled(name);
      else group.setToolEnabled(name);
    } else {
      // Passive: placed vertebrae stay visible and their handles draggable.
      group.setToolPassive(name);
    }
  }
  const current = group.getToolOptions(TOOL_NAMES[chosen])?.bindings ?? [];
  // Alt with the height tool places a point exactly where clicked (no snapping): the tool must get Alt+clicks too.
  const altToo = chosen === 'vertebralHeight' ? [{ mouseButton: MouseBindings.Primary, modifierKey: tools.Enums.KeyboardBindings.Alt }] : [];
  group.setToolActive(TOOL_NAMES[chosen], { bindings: [...current.filter((b: { mouseButton?: number }) => b.mouseButton !== MouseBindings.Primary), { mouseButton: MouseBindings.Primary }, ...altToo] });
}

const VOI_SYNC_ID = 'compare-voi';
const ZOOM_SYNC_ID = 'compare-zoom-pan';

/** Links (or unlinks) window/level and zoom/pan between the views of a compare plan. */
export function linkViews(plan: DisplayPlan, linked: boolean): void {
  const { SynchronizerManager, synchronizers } = tools;
  SynchronizerManager.destroySynchronizer(VOI_SYNC_ID);
  SynchronizerManager.destroySynchronizer(ZOOM_SYNC_ID);
  if (!linked || plan.mode !== 'compare') return;
  const voi = synchronizers.createVOISynchronizer(VOI_SYNC_ID, { syncInvertState: true, syncColormap: false });
  const zoom = synchronizers.createZoomPanSynchronizer(ZOOM_SYNC_ID);
  for (const spec of plan.viewports) {
    const target = { renderingEngineId: ENGINE_ID, viewportId: spec.viewportId };
    voi.add(target);
    zoom.add(target);
  }
}

function heightTool(): VertebralHeightTool | undefined {
  return tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.getToolInstance(VertebralHeightTool.toolName) as VertebralHeightTool | undefined;
}

/** Escape: drops a half-placed vertebra. Returns true when there was one. */
export function cancelPlacement(): boolean {
  const tool = heightTool();
  if (!tool || tool.placedCount === 0) return false;
  const engineViewports = engine().getViewports();
  for (const viewport of engineViewports) tool.cancel(viewport.element);
  return true;
}

/** Brings a vertebra into view: the viewport looking along its plane moves to its slice, centred on it. */
export function focusMeasurement(plan: DisplayPlan, measurement: VertebraMeasurement): void {
  focusPoints(plan, Object.values(measurement.points), measurement.viewPlaneNormal, measurement.referencedImageId, measurement.seriesKey);
}

/** Centres the views that look along `viewPlaneNormal` on the centroid of the points (on their slice). */
export function focusPoints(
  plan: DisplayPlan,
  points: ReadonlyArray<readonly [number, number, number]>,
  viewPlaneNormal: readonly [number, number, number],
  referencedImageId: string | null,
  seriesKey: string,
): void {
  if (points.length === 0) return;
  const meanOf = (axis: 0 | 1 | 2) => points.reduce((sum, p) => sum + p[axis], 0) / points.length;
  const centre: Types.Point3 = [meanOf(0), meanOf(1), meanOf(2)];
  const ofSeries = { ...plan, viewports: plan.viewports.filter((v) => v.seriesKey === seriesKey) };
  for (const viewport of viewportsOf(ofSeries)) {
    const camera = viewport.getCamera();
    const normal = camera.viewPlaneNormal;
    const aligned = normal && Math.abs(normal[0] * viewPlaneNormal[0] + normal[1] * viewPlaneNormal[1] + normal[2] * viewPlaneNormal[2]) > 0.999;
    if (!aligned) continue;
    if (viewport.type === Enums.ViewportType.STACK) {
      const stack = viewport as StackViewport;
      const index = referencedImageId ? stack.getImageIds().indexOf(referencedImageId) : -1;
      if (index >= 0) void stack.setImageIdIndex(index);
      else stack.jumpToWorld(centre);
    } else {
      const { focalPoint, position } = camera;
      const delta: Vec3 = [centre[0] - focalPoint![0], centre[1] - focalPoint![1], centre[2] - focalPoint![2]];
      viewport.setCamera({
        focalPoint: centre,
        position: [position![0] + delta[0], position![1] + delta[1], position![2] + delta[2]] as Types.Point3,
      });
      viewport.render();
    }
  }
}

/** Margin around the measured vertebrae in a report snapshot, mm. */
const REGION_MARGIN_MM = 25;

/**
 * Runs `capture` with one view framed on the measured region (all vertebrae of its series, with a margin), then puts
 * the view back as it was.
 */
export async function withMeasuredRegion<T>(plan: DisplayPlan, viewportId: string, measured: readonly VertebraMeasurement[], capture: () => Promise<T>): Promise<T> {
  const viewport = engine().getViewport(viewportId);
  const spec = plan.viewports.find((v) => v.viewportId === viewportId);
  const [firstMeasured] = measured;
  if (!viewport || !spec || firstMeasured === undefined) return capture();
  const before = viewport.getCamera();
  const points = measured.flatMap((m) => Object.values(m.points));
  focusPoints(plan, points, firstMeasured.viewPlaneNormal, firstMeasured.referencedImageId, spec.seriesKey);
  // Half the height of the view must hold the farthest point from the centre, along the view's up direction and
  // across it (scaled by the aspect ratio).
  const camera = viewport.getCamera();
  const up = camera.viewUp!;
  const normal = camera.viewPlaneNormal!;
  const right: Vec3 = [up[1] * normal[2] - up[2] * normal[1], up[2] * normal[0] - up[0] * normal[2], up[0] * normal[1] - up[1] * normal[0]];
  const centre = camera.focalPoint!;
  const aspect = viewport.canvas.clientWidth / Math.max(1, viewport.canvas.clientHeight);
  const halfHeightMm = Math.max(
    ...points.map((p) => {
      const d: Vec3 = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
      return Math.max(Math.abs(d[0] * up[0] + d[1] * up[1] + d[2] * up[2]), Math.abs(d[0] * right[0] + d[1] * right[1] + d[2] * right[2]) / aspect);
    }),
  ) + REGION_MARGIN_MM;
  viewport.setCamera({ parallelScale: halfHeightMm });
  viewport.render();
  try {
    return await capture();
  } finally {
    viewport.setCamera(before);
    viewport.render();
  }
}

function viewportsOf(plan: DisplayPlan): Types.IViewport[] {
  const renderingEngine = engine();
  return plan.viewports.map((v) => renderingEngine.getViewport(v.viewportId)).filter((v): v is Types.IViewport => Boolean(v));
}

function displayedValues(viewport: Types.IViewport): ArrayLike<number> | null {
  if (viewport.type === Enums.ViewportType.STACK) {
    return (viewport as StackViewport).getCornerstoneImage()?.getPixelData() ?? null;
  }
  const volumeId = (viewport as VolumeViewport).getVolumeId?.();
  const volume = volumeId ? cache.getVolume(volumeId) : undefined;
  return (volume?.voxelManager?.getCompleteScalarDataArray?.()) ?? null;
}

/** Applies a W/L preset to every viewport of the plan (one volume, one window). */
export function applyWindowPreset(plan: DisplayPlan, preset: WindowPreset): void {
  for (const viewport of viewportsOf(plan)) {
    let window = preset.window;
    if (!window) {
      const values = displayedValues(viewport);
      window = values ? autoWindow(values) : null;
    }
    if (!window) continue;
    (viewport as StackViewport).setProperties({ voiRange: { lower: window.center - window.width / 2, upper: window.center + window.width / 2 } });
    viewport.render();
  }
}

export function toggleInvert(plan: DisplayPlan): void {
  for (const viewport of viewportsOf(plan)) {
    const props = (viewport as StackViewport).getProperties();
    (viewport as StackViewport).setProperties({ invert: !props.invert });
    viewport.render();
  }
}

/** Back to how the views opened: camera (zoom, pan, slice), window from the images, not inverted. */
export function resetViewports(plan: DisplayPlan): void {
  const viewports = viewportsOf(plan);
  for (const viewport of viewports) {
    (viewport as StackViewport).resetProperties?.();
    (viewport as StackViewport).setProperties({ invert: false });
    viewport.resetCamera();
  }
  // Framing goes back on only once every camera is reset: each reset makes the crosshairs tool reset all the views of
  // its group again, which would undo a framing applied earlier in the same pass.
  for (const viewport of viewports) {
    const framed = framedCameraOf(viewport.id);
    if (framed) viewport.setCamera(framed);
    viewport.render();
  }
}

/** Scrolls one viewport by `delta` slices (arrow keys). */
export function scrollViewport(viewportId: string, delta: number): void {
  const viewport = engine().getViewport(viewportId);
  if (viewport) utilities.scroll(viewport, { delta });
}

/** Shows slice `index` (0-based) in one viewport (slider). */
export function jumpToSliceIndex(viewportId: string, index: number): void {
  const viewport = engine().getViewport(viewportId);
  if (!viewport) return;
  void utilities.jumpToSlice(viewport.element, { imageIndex: index });
}
