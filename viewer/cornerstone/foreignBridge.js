import { getRenderingEngine } from '@cornerstonejs/core';
import { annotation as annotationApi, utilities as toolUtilities } from '@cornerstonejs/tools';
import { foreignNameText, foreignValueText } from '../model/foreignAnnotation';
import { placeForeignAnnotation } from '../model/foreignPlacement';
import { findSeries } from '../state/instances';
import { getState, subscribe } from '../state/store';
import { ForeignAnnotationTool } from '../tools/ForeignAnnotationTool';
const TOOL_NAME = ForeignAnnotationTool.toolName;
const UID_PREFIX = 'foreign:';
/** The annotation UID under which a foreign annotation entry is drawn. */
export function foreignAnnotationUid(entryId) {
    return `${UID_PREFIX}${entryId}`;
}
/**
 * Makes the read-only foreign drawings equal to the store's foreign annotations placed on the displayed series: they
 * are rebuilt whole (a handful at most) whenever the list or the open instances change.
 */
function syncForeign(seriesKeys, viewportIds, renderingEngineId) {
    const state = getState();
    const shownSeriesUids = new Set([...seriesKeys].flatMap((key) => findSeries(key)?.series.instances[0]?.meta.seriesInstanceUID ?? []));
    for (const existing of annotationApi.state.getAllAnnotations()) {
        if (existing.metadata?.toolName === TOOL_NAME && existing.annotationUID)
            annotationApi.state.removeAnnotation(existing.annotationUID);
    }
    for (const entry of state.foreignAnnotations) {
        const preferred = entry.referencedSeriesInstanceUIDs.find((uid) => shownSeriesUids.has(uid)) ?? [...shownSeriesUids][0] ?? null;
        const result = placeForeignAnnotation(entry.annotation, state.instances, preferred);
        if (!result.placed || !shownSeriesUids.has(result.placement.seriesInstanceUID))
            continue;
        const { placement } = result;
        const shapes = placement.shapesMm.map((shape) => shape.map((p) => [p[0], p[1], p[2]]));
        const points = shapes.flat();
        const first = points[0];
        const last = points[points.length - 1];
        if (first === undefined || last === undefined)
            continue;
        const annotation = {
            annotationUID: foreignAnnotationUid(entry.id),
            highlighted: false,
            invalidated: true,
            isLocked: true,
            isVisible: true,
            metadata: {
                toolName: TOOL_NAME,
                FrameOfReferenceUID: placement.frameOfReferenceUID,
                viewPlaneNormal: [...placement.viewPlaneNormal],
                ...(placement.referencedImageId === null ? {} : { referencedImageId: placement.referencedImageId }),
                // A line is seen in every plane that holds it (a length drawn on an axial slice also on the sagittal one
                // through it): cornerstone then checks the line's direction and distance instead of the normal.
                ...(placement.isLine
                    ? { planeRestriction: { FrameOfReferenceUID: placement.frameOfReferenceUID, point: first, inPlaneVector1: [last[0] - first[0], last[1] - first[1], last[2] - first[2]] } }
                    : {}),
            },
            data: {
                handles: { points, activeHandleIndex: null },
                shapes,
                text: `${foreignNameText(entry.annotation)}: ${foreignValueText(entry.annotation)} (other viewer)`,
            },
        };
        annotationApi.state.addAnnotation(annotation, placement.frameOfReferenceUID);
    }
    const engine = getRenderingEngine(renderingEngineId);
    if (engine)
        toolUtilities.triggerAnnotationRenderForViewportIds(viewportIds.filter((id) => engine.getViewport(id)));
}
/** Keeps the foreign drawings in step with the store while a plan is shown; returns the function that stops it. */
export function followForeignAnnotations(seriesKeys, viewportIds, renderingEngineId) {
    let lastEntries = getState().foreignAnnotations;
    let lastInstances = getState().instances;
    syncForeign(seriesKeys, viewportIds, renderingEngineId);
    const unsubscribe = subscribe(() => {
        const { foreignAnnotations, instances } = getState();
        if (foreignAnnotations === lastEntries && instances === lastInstances)
            return;
        lastEntries = foreignAnnotations;
        lastInstances = instances;
        syncForeign(seriesKeys, viewportIds, renderingEngineId);
    });
    return () => {
        unsubscribe();
        for (const existing of annotationApi.state.getAllAnnotations()) {
            if (existing.metadata?.toolName === TOOL_NAME && existing.annotationUID)
                annotationApi.state.removeAnnotation(existing.annotationUID);
        }
    };
}
