import * as tools from '@cornerstonejs/tools';
import { ENGINE_ID } from './renderingEngine';
const VOI_SYNC_ID = 'compare-voi';
const ZOOM_SYNC_ID = 'compare-zoom-pan';
/** Links (or unlinks) window/level and zoom/pan between the views of a compare plan. */
export function linkViews(plan, linked) {
    const { SynchronizerManager, synchronizers } = tools;
    SynchronizerManager.destroySynchronizer(VOI_SYNC_ID);
    SynchronizerManager.destroySynchronizer(ZOOM_SYNC_ID);
    if (!linked || plan.mode !== 'compare')
        return;
    const voi = synchronizers.createVOISynchronizer(VOI_SYNC_ID, { syncInvertState: true, syncColormap: false });
    const zoom = synchronizers.createZoomPanSynchronizer(ZOOM_SYNC_ID);
    for (const spec of plan.viewports) {
        const target = { renderingEngineId: ENGINE_ID, viewportId: spec.viewportId };
        voi.add(target);
        zoom.add(target);
    }
}
