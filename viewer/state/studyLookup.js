import { getState } from './store';
/** Every open study, of every patient. */
export function allStudies() {
    return getState().patients.flatMap((p) => p.studies);
}
/** The study of the series on screen; null before one is chosen. */
export function activeStudy() {
    const key = getState().activeSeriesKey;
    return allStudies().find((s) => s.series.some((x) => x.key === key)) ?? null;
}
/** The open image series with this Series Instance UID, with its study; null when it is not open. */
export function seriesByUid(seriesInstanceUID) {
    for (const study of allStudies()) {
        const series = study.series.find((s) => s.instances[0]?.meta.seriesInstanceUID === seriesInstanceUID && s.kind === 'image');
        if (series)
            return { study, series };
    }
    return null;
}
