import { getState, setState } from '../state/store';
import { findSeries } from '../state/instances';
import { cancelPlacement } from '../cornerstone/toolGroup';
import { planDisplay } from '../model/displayPlan';
/** Shows an open series (its display plan), leaving compare mode; notes on single files of it join the problem list. */
export function selectSeries(key) {
    const found = findSeries(key);
    if (!found)
        return;
    const current = getState();
    // Clicking the series already shown keeps it as it is (slice, zoom, window).
    if (current.activeSeriesKey === key && current.plan?.mode !== 'compare' && current.plan?.imageIds.length === found.series.imageCount)
        return;
    const plan = found.series.kind === 'image' ? planDisplay(found.series) : null;
    // Keep the height tool when switching series mid-session; otherwise start with the natural tool of the layout.
    const primaryTool = current.primaryTool === 'vertebralHeight' ? 'vertebralHeight' : plan?.mode === 'mpr' ? 'crosshairs' : 'windowLevel';
    cancelPlacement();
    setState((s) => {
        const known = new Set(s.problems.map((p) => `${p.fileName}\n${p.message}`));
        const added = (plan?.fileNotes ?? [])
            .filter((n) => !known.has(`${n.fileName}\n${n.message}`))
            .map((n) => ({ ...n, severity: 'warning' }));
        return { activeSeriesKey: key, plan, primaryTool, viewports: {}, placementCount: 0, problems: [...s.problems, ...added], compare: null };
    });
}
