import { RenderingEngine, getConfiguration, getRenderingEngine, setConfiguration, type Types } from '@cornerstonejs/core';
import type { DisplayPlan } from '../model/displayPlan';

/** The one rendering engine of the app: every viewport of every plan belongs to it. */
export const ENGINE_ID = 'vertebral-height-engine';

/**
 * WebGL contexts the engine draws with. cornerstone 5.14 creates a pool of 7 at once and puts every volume viewport
 * on the first (stack viewports take turns); each further context is one more WebGL context for the GPU process to
 * set up and keep (on SwiftShader about a second of the page's main thread each), for views this app draws on one.
 */
export const WEBGL_CONTEXT_COUNT = 1;

/** The app's rendering engine, created on first use (with WEBGL_CONTEXT_COUNT contexts). */
export function engine(): RenderingEngine {
  const existing = getRenderingEngine(ENGINE_ID);
  if (existing) return existing;
  const configuration = getConfiguration();
  if (configuration.rendering?.webGlContextCount !== WEBGL_CONTEXT_COUNT) {
    setConfiguration({ ...configuration, rendering: { ...configuration.rendering, webGlContextCount: WEBGL_CONTEXT_COUNT } });
  }
  return new RenderingEngine(ENGINE_ID);
}

/** The viewports of a plan that the engine currently holds, in plan order. */
export function viewportsOf(plan: DisplayPlan): Types.IViewport[] {
  const renderingEngine = engine();
  return plan.viewports.map((v) => renderingEngine.getViewport(v.viewportId)).filter((v): v is Types.IViewport => Boolean(v));
}
