import { setState } from './store';
/** Records what one viewport's overlay shows (written by the cornerstone side only). */
export function setViewportSnapshot(viewportId, snapshot) {
    setState((s) => ({ viewports: { ...s.viewports, [viewportId]: snapshot } }));
}
