import { setState } from './store';
import type { ViewportSnapshot } from './viewportSnapshot';

/** Records what one viewport's overlay shows (written by the cornerstone side only). */
export function setViewportSnapshot(viewportId: string, snapshot: ViewportSnapshot): void {
  setState((s) => ({ viewports: { ...s.viewports, [viewportId]: snapshot } }));
}
