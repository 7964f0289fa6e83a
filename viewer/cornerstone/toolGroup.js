import * as tools from '@cornerstonejs/tools';
import { getState, setState } from '../state/store';
import { ForeignAnnotationTool } from '../tools/ForeignAnnotationTool';
import { VertebralHeightTool } from '../tools/VertebralHeightTool';
import { createPlacementAssist } from './assistClicks';
import { describeVertebra } from './measurementBridge';
import { ENGINE_ID, engine } from './renderingEngine';
/** The one tool group: every viewport of the displayed plan is in it. */
export const TOOL_GROUP_ID = 'vertebral-height-tools';
const TOOL_NAMES = {
    windowLevel: tools.WindowLevelTool.toolName,
    pan: tools.PanTool.toolName,
    zoom: tools.ZoomTool.toolName,
    crosshairs: tools.CrosshairsTool.toolName,
    vertebralHeight: VertebralHeightTool.toolName,
};
/** Replaces the tool group with one for the viewports of `plan`, the left button on `primaryTool`. */
export function createToolGroup(plan, primaryTool) {
    tools.ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
    const group = tools.ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
    if (!group)
        throw new Error(`the tool group ${TOOL_GROUP_ID} could not be created`);
    for (const spec of plan.viewports)
        group.addViewport(spec.viewportId, ENGINE_ID);
    group.addTool(tools.WindowLevelTool.toolName);
    group.addTool(tools.PanTool.toolName);
    group.addTool(tools.ZoomTool.toolName);
    group.addTool(tools.StackScrollTool.toolName);
    group.addTool(VertebralHeightTool.toolName, {
        getNextLevel: () => getState().nextLevel,
        seriesKeyOf: (viewportId) => plan.viewports.find((v) => v.viewportId === viewportId)?.seriesKey ?? plan.seriesKey,
        describe: describeVertebra,
        onPlacementProgress: (placementCount) => setState({ placementCount }),
        assist: createPlacementAssist({ plan, viewportOf: (viewportId) => engine().getViewport(viewportId) }),
    });
    // Placed vertebrae stay visible (and their handles draggable) whichever tool has the left button.
    group.setToolPassive(VertebralHeightTool.toolName);
    // Measurements of other viewers are drawn, never edited: Enabled renders without taking any input.
    group.addTool(ForeignAnnotationTool.toolName);
    group.setToolEnabled(ForeignAnnotationTool.toolName);
    if (plan.mode === 'mpr') {
        group.addTool(tools.CrosshairsTool.toolName, {
            getReferenceLineColor: (viewportId) => {
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
}
/** Drops the tool group (a half-placed vertebra first). */
export function destroyToolGroup() {
    cancelPlacement();
    tools.ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
}
/** Binds the left mouse button to one tool, keeping wheel, right and middle bindings. */
export function setPrimaryTool(primaryTool, mprAvailable) {
    const group = tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
    if (!group)
        return;
    const { MouseBindings } = tools.Enums;
    const chosen = primaryTool === 'crosshairs' && !mprAvailable ? 'windowLevel' : primaryTool;
    for (const [key, name] of Object.entries(TOOL_NAMES)) {
        if (key === 'crosshairs' && !mprAvailable)
            continue;
        if (key === chosen)
            continue;
        const bindings = group.getToolOptions(name)?.bindings ?? [];
        const keep = bindings.filter((b) => b.mouseButton !== MouseBindings.Primary);
        if (keep.length > 0) {
            group.setToolActive(name, { bindings: keep });
        }
        else if (key === 'crosshairs') {
            // Enabled crosshairs keep drawing the reference lines but never take a click meant for another tool; while
            // points are placed they are hidden, so no line runs over the vertebra being clicked.
            if (chosen === 'vertebralHeight')
                group.setToolDisabled(name);
            else
                group.setToolEnabled(name);
        }
        else {
            // Passive: placed vertebrae stay visible and their handles draggable.
            group.setToolPassive(name);
        }
    }
    const current = group.getToolOptions(TOOL_NAMES[chosen])?.bindings ?? [];
    // Alt with the height tool places a point exactly where clicked (no snapping): the tool must get Alt+clicks too.
    const altToo = chosen === 'vertebralHeight' ? [{ mouseButton: MouseBindings.Primary, modifierKey: tools.Enums.KeyboardBindings.Alt }] : [];
    group.setToolActive(TOOL_NAMES[chosen], { bindings: [...current.filter((b) => b.mouseButton !== MouseBindings.Primary), { mouseButton: MouseBindings.Primary }, ...altToo] });
}
function heightTool() {
    const instance = tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.getToolInstance(VertebralHeightTool.toolName);
    return instance instanceof VertebralHeightTool ? instance : undefined;
}
/** Escape: drops a half-placed vertebra. Returns true when there was one. */
export function cancelPlacement() {
    const tool = heightTool();
    if (!tool || tool.placedCount === 0)
        return false;
    const engineViewports = engine().getViewports();
    for (const viewport of engineViewports)
        tool.cancel(viewport.element);
    return true;
}
