import { focusPoints } from '../cornerstone/focusViews';
import { placeForeignAnnotation } from '../model/foreignPlacement';
import { findSeries } from '../state/instances';
import { getState, setState } from '../state/store';
import { seriesByUid } from '../state/studyLookup';
/** Brings a measurement of another viewer into view: the view looking along its plane moves to it. */
export function focusForeignAnnotation(id) {
    const state = getState();
    const entry = state.foreignAnnotations.find((e) => e.id === id);
    const plan = state.plan;
    if (!entry || !plan)
        return;
    const shownUids = plan.viewports.flatMap((v) => findSeries(v.seriesKey)?.series.instances[0]?.meta.seriesInstanceUID ?? []);
    const preferred = entry.referencedSeriesInstanceUIDs.find((uid) => shownUids.includes(uid)) ?? shownUids[0] ?? null;
    const result = placeForeignAnnotation(entry.annotation, state.instances, preferred);
    if (!result.placed)
        return;
    const target = seriesByUid(result.placement.seriesInstanceUID);
    if (!target || !plan.viewports.some((v) => v.seriesKey === target.series.key))
        return;
    focusPoints(plan, result.placement.shapesMm.flat(), result.placement.viewPlaneNormal, result.placement.referencedImageId, target.series.key);
}
/** Forgets the measurements of other viewers of this session (the reports themselves are untouched). */
export function clearForeignAnnotations() {
    setState({ foreignAnnotations: [] });
}
