import { RenderingEngine, getRenderingEngine, type Types } from '@cornerstonejs/core';
import type { DisplayPlan } from '../model/displayPlan';

/** The one rendering engine of the app: every viewport of every plan belongs to it. */
export const ENGINE_ID = 'vertebral-height-engine';

/** The app's rendering engine, created on first use. */
export function engine(): RenderingEngine {
  return getRenderingEngine(ENGINE_ID) ?? new RenderingEngine(ENGINE_ID);
}

/** The viewports of a plan that the engine currently holds, in plan order. */
export function viewportsOf(plan: DisplayPlan): Types.IViewport[] {
  const renderingEngine = engine();
  return plan.viewports.map((v) => renderingEngine.getViewport(v.viewportId)).filter((v): v is Types.IViewport => Boolean(v));
}
