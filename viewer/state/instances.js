import { groupInstances } from '../loading/grouping';
import { deduplicateInstances } from '../loading/duplicates';
import { getState, setState } from './store';
/** Adds loaded instances and the files that could not be read; regroups patients, studies and series. */
export function addInstances(added, problems) {
    setState((s) => {
        const instances = [...s.instances, ...added];
        const known = new Set(s.problems.map((p) => `${p.fileName}\n${p.message}`));
        const duplicates = deduplicateInstances(instances).duplicates
            .map(({ dropped, message }) => ({ fileName: dropped.meta.fileName, message, severity: 'warning' }))
            .filter((p) => !known.has(`${p.fileName}\n${p.message}`));
        return { instances, patients: groupInstances(instances), problems: [...s.problems, ...problems, ...duplicates] };
    });
}
/** The open series with this key, with its patient and study; null when none is open. */
export function findSeries(key) {
    if (!key)
        return null;
    for (const patient of getState().patients) {
        for (const study of patient.studies) {
            const series = study.series.find((x) => x.key === key);
            if (series)
                return { patient, study, series };
        }
    }
    return null;
}
