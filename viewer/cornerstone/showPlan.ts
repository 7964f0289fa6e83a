import {
  Enums,
  StackViewport,
  StreamingImageVolume,
  cache,
  imageLoader,
  setVolumesForViewports,
  volumeLoader,
  type RenderingEngine,
  type Types,
} from '@cornerstonejs/core';
import type { DisplayPlan, ViewportSpec } from '../model/displayPlan';
import type { PrimaryTool } from '../state/primaryTool';
import { getState } from '../state/store';
import { followForeignAnnotations } from './foreignBridge';
import { followFrameFailures } from './frameFailures';
import { forgetFraming, frameSpineView, showStackMidline } from './frameViews';
import { imageFailureText } from './imageErrorText';
import { linkViews } from './linkViews';
import { showAsStored } from './monochrome1';
import { trackLoadProgress, type LoadProgress, type LoadProgressCallbacks } from './loadProgress';
import { followStore } from './measurementBridge';
import { ENGINE_ID, engine } from './renderingEngine';
import { orderVolumeRetrieval, readAheadVolumeFrames } from './retrieveOrder';
import { throttleStreamingRenders } from './streamingRender';
import { setVolumesWithWindow } from './volumeWindow';
import { giveVolumeCompactTexture } from './volumeTexture';
import { createToolGroup, destroyToolGroup } from './toolGroup';
import { dropMismatchedAhead } from './decodeAhead';
import { markStartup } from '../loading/startupMark';
import { followViewportElements, publishSnapshot, type ViewportEventCallbacks } from './viewportEvents';

export type ControllerCallbacks = ViewportEventCallbacks & LoadProgressCallbacks;

function orientationEnum(spec: ViewportSpec): Enums.OrientationAxis {
  if (spec.orientation === 'sagittal') return Enums.OrientationAxis.SAGITTAL;
  if (spec.orientation === 'coronal') return Enums.OrientationAxis.CORONAL;
  return Enums.OrientationAxis.AXIAL;
}

function elementOf(elements: ReadonlyMap<string, HTMLDivElement>, viewportId: string): HTMLDivElement {
  const element = elements.get(viewportId);
  if (!element) throw new Error(`no element was given for viewport ${viewportId}`);
  return element;
}

/** What showing one series needs from the plan's display. */
interface SeriesDisplay {
  renderingEngine: RenderingEngine;
  progress: LoadProgress;
  disposers: Array<() => void>;
  /** The camera each view opened with, for framing (a view the person moved is left alone). */
  openedCameras: Map<string, Types.ICamera>;
  /** Frames the sagittal views among `specs` on the vertebral column. */
  frame: (specs: readonly ViewportSpec[]) => void;
  /** Moves a sagittal CT stack to its spine's midline once its images have loaded (frameViews showStackMidline). */
  centreStack: (spec: ViewportSpec) => void;
  /** Called once every view has been rendered at the end of the set-up (streaming volumes count it as a render). */
  afterSetupRender: Array<() => void>;
}

/** Which frames of a volume shown before are already in: cornerstone keeps this in a protected field. */
function framesAlreadyIn(volume: StreamingImageVolume): string[] {
  const cachedFrames: unknown = Reflect.get(volume, 'cachedFrames');
  if (!Array.isArray(cachedFrames)) return [];
  return volume.imageIds.filter((_, index) => Boolean(cachedFrames[index]));
}

/** The volume id of a series' reformats. */
function volumeIdOf(seriesKey: string): string {
  return `cornerstoneStreamingImageVolume:${seriesKey}`;
}

/** Volumes being created, by id (an entry lives until cornerstone's cache holds the volume). */
const volumesBeingCreated = new Map<string, Promise<StreamingImageVolume>>();

/**
 * The streaming volume of a series' reformats, created once (cornerstone's cache holds it), with its 3-D texture without
 * per-slice garbage, in 16-bit floats where exact (before any view uses it).
 */
async function volumeOf(seriesKey: string, imageIds: readonly string[]): Promise<StreamingImageVolume> {
  const volumeId = volumeIdOf(seriesKey);
  const cached = cache.getVolume(volumeId);
  if (cached instanceof StreamingImageVolume) return cached;
  if (cached) throw new Error(`the volume ${volumeId} is not a streaming volume`);
  let creating = volumesBeingCreated.get(volumeId);
  if (creating === undefined) {
    creating = (async () => {
      const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...imageIds] });
      if (!(volume instanceof StreamingImageVolume)) throw new Error(`the volume ${volumeId} is not a streaming volume`);
      // A frame the server refuses, or that cannot be decoded, is counted once and does not hold the volume's completion.
      followFrameFailures(volume);
      // Slices decoded ahead while local files were read are used as they are, unless decoded into another type.
      dropMismatchedAhead(volume);
      giveVolumeCompactTexture(volume);
      return volume;
    })().finally(() => volumesBeingCreated.delete(volumeId));
    volumesBeingCreated.set(volumeId, creating);
  }
  return creating;
}

/** Each streaming volume's load, started once: cornerstone 5.14 drops the callback of a `load` while one runs. */
const volumeLoads = new WeakMap<StreamingImageVolume, Promise<void>>();

/**
 * Starts streaming the volume in (the middle slice first, then interleaved passes: a coarse reformat early) unless it
 * is loading or loaded; resolves once every frame has loaded or failed. The views' renders are paced by
 * `throttleStreamingRenders`, so cornerstone's own render on every few frames is off from the first frame.
 */
function loadVolume(volume: StreamingImageVolume): Promise<void> {
  let loading = volumeLoads.get(volume);
  if (loading === undefined) {
    loading = new Promise<void>((resolve) => {
      // Protected in cornerstone 5.14 and without a setter (see streamingRender.ts).
      Reflect.set(volume, 'autoRenderOnLoad', false);
      if (!volume.loadStatus.loaded) {
        orderVolumeRetrieval(volume.volumeId, volume.imageIds.length);
        readAheadVolumeFrames(volume.imageIds);
      }
      markStartup('volume-load');
      volume.load(() => {
        markStartup('volume-loaded');
        resolve();
      });
    });
    volumeLoads.set(volume, loading);
  }
  return loading;
}

/**
 * Starts loading the volumes a plan's reformats show, before the rendering engine exists: creating the engine's WebGL
 * context and the views holds the page's main thread for a second or more on a software GPU (longer while the GPU
 * process compiles the page's first shaders), and the server can prepare the first frames meanwhile. Returns once
 * every load has started; a volume that cannot be created is left to `showPlan`, which reports it.
 */
export async function startVolumeLoads(plan: DisplayPlan): Promise<void> {
  const seriesKeys = [...new Set(plan.viewports.filter((v) => v.kind === 'volume').map((v) => v.seriesKey))];
  await Promise.all(seriesKeys.map(async (seriesKey) => {
    const spec = plan.viewports.find((v) => v.kind === 'volume' && v.seriesKey === seriesKey);
    if (spec === undefined) return;
    try {
      void loadVolume(await volumeOf(seriesKey, spec.imageIds));
    } catch {
      // showPlan creates it again and says why it failed.
    }
  }));
}

/** One volume for the volume viewports of a series (its reformats), streamed in middle slice first. */
async function showVolume(seriesKey: string, volumeSpecs: readonly ViewportSpec[], display: SeriesDisplay): Promise<void> {
  const [firstVolumeSpec] = volumeSpecs;
  if (firstVolumeSpec === undefined) return;
  const { renderingEngine, progress, disposers, openedCameras, frame, afterSetupRender } = display;
  const imageIds = firstVolumeSpec.imageIds;
  const volume = await volumeOf(seriesKey, imageIds);
  const volumeId = volume.volumeId;
  // The volume's loads started before this display listened to image events (startVolumeLoads): a frame refused in
  // between is known only to the volume's own record. Listed before any view holds the volume, so before a view can
  // be drawn complete; later refusals come as events.
  progress.failFramesOf(volume);
  // A series without a stored window would have its middle frame asked for again by every view (see volumeWindow.ts).
  await setVolumesWithWindow(volume, () => setVolumesForViewports(renderingEngine, [{ volumeId }], volumeSpecs.map((v) => v.viewportId)));
  for (const spec of volumeSpecs) {
    const viewport = renderingEngine.getViewport(spec.viewportId);
    if (viewport && spec.orientation === 'sagittal') openedCameras.set(spec.viewportId, viewport.getCamera());
    // cornerstone draws a volume as MONOCHROME2 whatever its slices say.
    if (viewport) showAsStored(viewport);
  }
  if (volume.loadStatus.loaded) {
    progress.settle(imageIds);
    frame(volumeSpecs);
    return;
  }
  // A volume whose load started before its views (startVolumeLoads) or that was shown before and still streams: count
  // the frames it already holds; the rest arrive as events.
  progress.settle(framesAlreadyIn(volume));
  const streamingRenders = throttleStreamingRenders(renderingEngine, volumeId, volume, {
    allViewportIds: volumeSpecs.map((v) => v.viewportId),
    streamingViewportIds: volumeSpecs.filter((v) => v.orientation === 'sagittal').map((v) => v.viewportId),
  });
  disposers.push(streamingRenders.dispose);
  afterSetupRender.push(streamingRenders.viewsRendered);
  // The callback also covers frames that finished loading, or failed, between two displays of this volume, whose events
  // this display never saw (a failed frame is listed before `settle` counts it as in).
  void loadVolume(volume).then(() => {
    progress.failFramesOf(volume);
    progress.settle(imageIds);
    progress.publish();
    frame(volumeSpecs);
  });
}

/** Each stack viewport of a series on its middle image, the rest of the stack decoded in the background. */
async function showStacks(stackSpecs: readonly ViewportSpec[], display: SeriesDisplay): Promise<void> {
  const { renderingEngine, progress, openedCameras, frame, centreStack } = display;
  for (const spec of stackSpecs) {
    const viewport = renderingEngine.getViewport(spec.viewportId);
    if (!(viewport instanceof StackViewport)) throw new Error(`viewport ${spec.viewportId} is not a stack viewport`);
    const middle = Math.floor(spec.imageIds.length / 2);
    // An empty stack (never planned) is reported under its viewport id, as there is no image to name.
    await viewport.setStack(spec.imageIds, middle).catch((error: unknown) => progress.fail(spec.imageIds[middle] ?? spec.viewportId, imageFailureText(error)));
    openedCameras.set(spec.viewportId, viewport.getCamera());
    frame([spec]);
    centreStack(spec);
    // Decode the whole stack in the background so scrolling never waits and progress reaches 100 %.
    for (const imageId of spec.imageIds) {
      imageLoader.loadAndCacheImage(imageId).catch(() => undefined);
    }
  }
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
  markStartup('engine-ready');
  const disposers: Array<() => void> = [];

  renderingEngine.setViewports(
    plan.viewports.map((spec) => ({
      viewportId: spec.viewportId,
      type: spec.kind === 'volume' ? Enums.ViewportType.ORTHOGRAPHIC : Enums.ViewportType.STACK,
      element: elementOf(elements, spec.viewportId),
      defaultOptions: spec.kind === 'volume' ? { orientation: orientationEnum(spec), background: [0, 0, 0] as Types.Point3 } : { background: [0, 0, 0] as Types.Point3 },
    })),
  );

  disposers.push(followViewportElements(plan, elements, renderingEngine, callbacks));
  const progress = trackLoadProgress(plan, elements, callbacks);
  disposers.push(progress.dispose);

  createToolGroup(plan, primaryTool);
  disposers.push(destroyToolGroup);
  if (plan.mode === 'compare') {
    linkViews(plan, getState().compare?.linked ?? true);
    disposers.push(() => linkViews(plan, false));
  }
  const seriesKeys = [...new Set(plan.viewports.map((v) => v.seriesKey))];
  const viewportIds = plan.viewports.map((v) => v.viewportId);
  disposers.push(followStore(new Set(seriesKeys), viewportIds, ENGINE_ID));
  disposers.push(followForeignAnnotations(new Set(seriesKeys), viewportIds, ENGINE_ID));

  // Sagittal views are framed on the vertebral column once their image is in (unless the person moved them first).
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
  const centreStack = (spec: ViewportSpec) => {
    const viewport = renderingEngine.getViewport(spec.viewportId);
    if (!tornDown && spec.orientation === 'sagittal' && viewport instanceof StackViewport) void showStackMidline(viewport, spec.imageIds[0], () => !tornDown);
  };
  const display: SeriesDisplay = { renderingEngine, progress, disposers, openedCameras, frame, centreStack, afterSetupRender: [] };
  // A series that fails to set up releases what it took (listeners, tool group, viewports) so the next one starts clean.
  try {
    for (const seriesKey of seriesKeys) {
      const specs = plan.viewports.filter((v) => v.seriesKey === seriesKey);
      await showVolume(seriesKey, specs.filter((v) => v.kind === 'volume'), display);
      await showStacks(specs.filter((v) => v.kind === 'stack'), display);
    }
  } catch (error) {
    teardown();
    throw error;
  }
  progress.publish();
  renderingEngine.render();
  for (const viewsRendered of display.afterSetupRender) viewsRendered();
  for (const spec of plan.viewports) publishSnapshot(renderingEngine, spec.viewportId, callbacks);

  return teardown;
}
