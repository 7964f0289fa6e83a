import { assessSpine, compareStudies } from '../../measurement';
import { buildChartModel } from './comparisonChartModel';
import { measurementsOfSeries } from './measurements';
import { assessedSpineInput, seriesMorphometry } from './morphometry';
function isoDate(da) {
    return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || 'no date';
}
/** The series to compare in a study: the one with most vertebrae measured, else a CT/MR volume, else any image series. */
export function seriesToCompare(study, measurements) {
    const images = study.series.filter((s) => s.kind === 'image');
    if (images.length === 0)
        return null;
    const count = (s) => measurementsOfSeries(measurements, s.key).length;
    const score = (s) => count(s) * 1000 + (s.modality === 'CT' ? 3 : s.modality === 'MR' ? 2 : 0) + Math.min(1, s.imageCount / 100);
    return [...images].sort((a, b) => score(b) - score(a))[0] ?? null;
}
/** Every study with images as a time point, oldest first (by StudyDate then StudyTime). */
export function timePointsOf(patients, measurements) {
    const points = [];
    for (const patient of patients) {
        for (const study of patient.studies) {
            const series = seriesToCompare(study, measurements);
            if (!series)
                continue;
            points.push({
                studyKey: study.key,
                seriesKey: series.key,
                label: `${isoDate(study.studyDate)} · ${study.studyDescription || series.description || series.modality}`,
                studyDate: study.studyDate,
                studyTime: series.instances[0].meta.studyTime,
                studyInstanceUID: study.studyInstanceUID,
                seriesInstanceUID: series.instances[0].meta.seriesInstanceUID,
                patientId: patient.patientId,
                patientName: patient.patientName,
            });
        }
    }
    return points
        .sort((a, b) => a.studyDate.localeCompare(b.studyDate) || a.studyTime.localeCompare(b.studyTime))
        .map(({ studyTime: _studyTime, ...point }) => point);
}
/** Warnings a clinician must see before trusting a comparison. */
export function compareWarnings(baseline, followUp) {
    const warnings = [];
    if (baseline.studyKey === followUp.studyKey)
        warnings.push('Baseline and follow-up are the same study.');
    if (baseline.patientId !== followUp.patientId) {
        warnings.push(`Different patient IDs: baseline ${baseline.patientId || '(none)'}, follow-up ${followUp.patientId || '(none)'}. Check that both studies are of the same patient.`);
    }
    if (baseline.patientName.toUpperCase() !== followUp.patientName.toUpperCase()) {
        warnings.push(`Different patient names: baseline ${baseline.patientName || '(none)'}, follow-up ${followUp.patientName || '(none)'}.`);
    }
    if (baseline.studyDate && followUp.studyDate && followUp.studyDate < baseline.studyDate) {
        warnings.push(`The follow-up (${isoDate(followUp.studyDate)}) is older than the baseline (${isoDate(baseline.studyDate)}).`);
    }
    return warnings;
}
/** The vertebrae of one time point as measurement/'s input: the series' one assessment (a level measured twice is left out). */
export function spineInputOf(measurements, seriesKey) {
    return assessedSpineInput(seriesMorphometry(measurements, seriesKey));
}
/** compareStudies of the baseline and follow-up series; null with a reason when there is nothing to compare. */
export function comparisonOf(measurements, baseline, followUp) {
    const before = spineInputOf(measurements, baseline.seriesKey);
    const after = spineInputOf(measurements, followUp.seriesKey);
    if (before.length === 0 || after.length === 0) {
        return { comparison: null, reason: 'Measure the same levels in both studies to compare them.' };
    }
    const result = compareStudies(before, after);
    return result.ok ? { comparison: result.value, reason: null } : { comparison: null, reason: result.error.message };
}
/** The chart of every time point with measured vertebrae (trend lines appear from three time points on). */
export function chartOf(measurements, timePoints) {
    const points = timePoints.flatMap((point) => {
        const input = spineInputOf(measurements, point.seriesKey);
        const spine = input.length > 0 ? assessSpine(input) : null;
        const [date = point.label] = point.label.split(' · ');
        return spine?.ok ? [{ label: date, spine: spine.value }] : [];
    });
    return points.length > 0 ? buildChartModel(points) : null;
}
