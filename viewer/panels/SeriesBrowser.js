import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';
import { clipText, personNameText } from '../loading/clipText';
const KIND_LABELS = {
    sr: 'Structured report',
    seg: 'Segmentation',
    pdf: 'Encapsulated PDF',
    'presentation-state': 'Presentation state',
    other: 'Non-image object',
};
export function SeriesBrowser({ commands, thumbnail }) {
    const patients = useAppState((s) => s.patients);
    const activeKey = useAppState((s) => s.activeSeriesKey);
    if (patients.length === 0)
        return null;
    return (_jsx("nav", { className: "series-browser", "aria-label": "Opened studies", children: patients.map((patient) => (_jsxs("section", { className: "series-browser__patient", children: [_jsxs("h2", { className: "clip", title: `${personNameText(patient.patientName)} ${patient.patientId}`, children: [clipText(personNameText(patient.patientName)) || '(no name)', " ", _jsx("small", { children: clipText(patient.patientId) || '(no id)' })] }), patient.studies.map((study) => (_jsxs("section", { className: "series-browser__study", children: [_jsxs("h3", { className: "clip", title: study.studyDescription, children: [formatDicomDate(study.studyDate), " \u2014 ", clipText(study.studyDescription) || '(no description)'] }), _jsx("ul", { children: study.series.map((series) => (_jsx("li", { children: _jsxs("button", { type: "button", "data-testid": "series-item", "data-series-uid": series.key, "data-image-count": series.imageCount, "data-kind": series.kind, "aria-current": series.key === activeKey, disabled: series.kind !== 'image', onClick: () => commands.selectSeries(series.key), className: "clip", title: series.description, children: [thumbnail?.(series), _jsx("span", { className: "series-browser__modality", children: series.modality || '??' }), ' ', clipText(series.description) || `Series ${series.seriesNumber ?? ''}`, ' ', _jsx("small", { children: series.kind === 'image'
                                                ? `${series.imageCount} image${series.imageCount === 1 ? '' : 's'}`
                                                : `${KIND_LABELS[series.kind] ?? 'Non-image'} (${series.instances.length})` })] }) }, series.key))) })] }, study.key)))] }, patient.key))) }));
}
