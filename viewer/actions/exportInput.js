import { getState } from '../state/store';
import { APP_VERSION } from '../model/appVersion';
import { referencedImageOf } from '../state/imageReferences';
/** One study as the JSON writer names it (keys and UIDs). */
function exportStudy(study) {
    return {
        key: study.key,
        studyInstanceUID: study.studyInstanceUID,
        studyDate: study.studyDate,
        series: study.series.map((s) => ({ key: s.key, seriesInstanceUID: s.instances[0]?.meta.seriesInstanceUID ?? '' })),
    };
}
/** What the JSON and CSV writers take for the given studies (default: the study on screen). */
export function exportInput(studies) {
    const [firstStudy] = studies;
    if (firstStudy === undefined)
        return null;
    const keys = new Set(studies.map((s) => s.key));
    const measurements = Object.values(getState().measurements.byId).filter((m) => keys.has(m.studyKey));
    const meta = firstStudy.series[0]?.instances[0].meta;
    return {
        appVersion: APP_VERSION,
        exportedAt: new Date(),
        patient: { id: meta?.patientId ?? '', name: meta?.patientName ?? '' },
        studies: studies.map(exportStudy),
        measurements,
        referencedImageOf,
    };
}
