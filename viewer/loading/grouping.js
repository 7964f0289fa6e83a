import { deduplicateInstances } from './duplicates';
export function patientKeyOf(meta) {
    return `${meta.patientId}|${meta.patientName}`;
}
export function studyKeyOf(meta) {
    return meta.studyInstanceUID || `no-study-uid:${patientKeyOf(meta)}|${meta.studyDate}|${meta.studyTime}|${meta.accessionNumber}`;
}
/** Files with an empty SeriesInstanceUID still group by what they share (number, description, modality, size). */
export function seriesKeyOf(meta) {
    if (meta.seriesInstanceUID)
        return meta.seriesInstanceUID;
    return `no-series-uid:${studyKeyOf(meta)}|${meta.seriesNumber ?? ''}|${meta.seriesDescription}|${meta.modality}`;
}
/** Frame planes of a series for stacking: one entry per image id. */
export function slicePlanesOf(series) {
    return series.instances.flatMap(({ meta, imageIds }) => imageIds.map((imageId, frame) => ({
        imageId,
        positionMm: meta.frames[frame]?.positionMm ?? null,
        orientation: meta.frames[frame]?.orientation ?? null,
        rows: meta.rows,
        columns: meta.columns,
        pixelSpacingMm: meta.pixelSpacingMm,
        instanceNumber: meta.numberOfFrames > 1 ? frame + 1 : meta.instanceNumber,
    })));
}
function compareSeries(a, b) {
    return (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.seriesNumber ?? Number.MAX_SAFE_INTEGER) || a.description.localeCompare(b.description);
}
/**
 * Groups loaded instances as patient → study → series, ordered by patient name, study date and series number.
 * Of instances sharing a SOP Instance UID only one is listed (see deduplicateInstances, which also says why).
 */
export function groupInstances(instances) {
    const patients = new Map();
    const studies = new Map();
    const series = new Map();
    for (const instance of deduplicateInstances(instances).kept) {
        const { meta } = instance;
        const patientKey = patientKeyOf(meta);
        let patient = patients.get(patientKey);
        if (!patient) {
            patient = { key: patientKey, patientName: meta.patientName, patientId: meta.patientId, studies: [] };
            patients.set(patientKey, patient);
        }
        const studyKey = studyKeyOf(meta);
        let study = studies.get(studyKey);
        if (!study) {
            study = {
                key: studyKey,
                patientKey,
                studyInstanceUID: meta.studyInstanceUID,
                studyDate: meta.studyDate,
                studyDescription: meta.studyDescription,
                accessionNumber: meta.accessionNumber,
                series: [],
            };
            studies.set(studyKey, study);
            patient.studies.push(study);
        }
        const seriesKey = seriesKeyOf(meta);
        let group = series.get(seriesKey);
        if (!group) {
            group = {
                key: seriesKey,
                studyKey,
                modality: meta.modality,
                description: meta.seriesDescription,
                seriesNumber: meta.seriesNumber,
                kind: meta.kind,
                instances: [instance],
                imageCount: 0,
            };
            series.set(seriesKey, group);
            study.series.push(group);
        }
        else {
            group.instances.push(instance);
        }
        if (meta.kind === 'image') {
            group.kind = 'image';
            group.imageCount += instance.imageIds.length;
        }
    }
    const result = [...patients.values()].sort((a, b) => a.patientName.localeCompare(b.patientName));
    for (const patient of result) {
        patient.studies.sort((a, b) => a.studyDate.localeCompare(b.studyDate));
        for (const study of patient.studies)
            study.series.sort(compareSeries);
    }
    return result;
}
