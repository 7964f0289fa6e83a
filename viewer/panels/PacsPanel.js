import { jsxs as _jsxs, jsx as _jsx, Fragment as _Fragment } from "react/jsx-runtime";
import { useState } from 'react';
import { PacsSettings } from './PacsSettings';
import { PacsSearch } from './PacsSearch';
import { PACS_PAGE_SIZE } from '../state/pacsState';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';
import { clipText, personNameText } from '../loading/clipText';
const COLUMNS = [
    { key: 'patientName', label: 'Patient' },
    { key: 'patientId', label: 'ID' },
    { key: 'studyDate', label: 'Date' },
    { key: 'studyDescription', label: 'Description' },
    { key: 'modalities', label: 'Mod.' },
];
function sorted(results, sort) {
    const text = (s) => (sort.key === 'modalities' ? s.modalities.join(',') : `${s[sort.key]}${sort.key === 'studyDate' ? s.studyTime : ''}`);
    return [...results].sort((a, b) => text(a).localeCompare(text(b)) * (sort.ascending ? 1 : -1));
}
/** The PACS connection: settings, study search (QIDO-RS), results with sorting and pages, and errors with a retry. */
export function PacsPanel({ commands }) {
    const pacs = useAppState((s) => s.pacs);
    const [open, setOpen] = useState(pacs.config !== null);
    return (_jsxs("section", { className: "pacs", "aria-label": "PACS", "data-testid": "pacs-panel", children: [_jsx("h2", { children: _jsxs("button", { type: "button", className: "pacs__toggle", "data-testid": "pacs-toggle", "aria-expanded": open || pacs.settingsOpen, onClick: () => setOpen(!open), children: ["PACS (DICOMweb) ", pacs.config ? `· ${pacs.config.qidoRoot}` : '· not set up'] }) }), (open || pacs.settingsOpen || pacs.error) && (_jsxs(_Fragment, { children: [(pacs.settingsOpen || !pacs.config || open) && (_jsxs("details", { open: pacs.settingsOpen || !pacs.config, className: "pacs__details", children: [_jsx("summary", { children: "Server settings" }), _jsx(PacsSettings, { connectPacs: commands.connectPacs })] })), pacs.busy && _jsxs("p", { className: "pacs__busy", role: "status", "data-testid": "pacs-busy", children: [pacs.busy, "\u2026"] }), pacs.error && (_jsxs("div", { className: "status", role: "alert", "data-testid": "pacs-error", "data-kind": pacs.error.kind, children: [pacs.error.message, ' ', pacs.error.canRetry && _jsx("button", { type: "button", "data-testid": "pacs-retry", onClick: () => void commands.retryPacs(), children: "Retry" }), ' ', _jsx("button", { type: "button", onClick: () => setState((s) => ({ pacs: { ...s.pacs, error: null } })), children: "Dismiss" })] })), pacs.config && _jsx(PacsSearch, { searchPacs: commands.searchPacs }), pacs.results && (_jsxs(_Fragment, { children: [_jsxs("table", { className: "pacs__results", "data-testid": "pacs-results", children: [_jsx("thead", { children: _jsxs("tr", { children: [COLUMNS.map((c) => (_jsx("th", { children: _jsxs("button", { type: "button", className: "pacs__sort", "data-testid": `pacs-sort-${c.key}`, onClick: () => commands.sortPacs(c.key), children: [c.label, pacs.sort.key === c.key ? (pacs.sort.ascending ? ' ▲' : ' ▼') : ''] }) }, c.key))), _jsx("th", {})] }) }), _jsx("tbody", { children: sorted(pacs.results, pacs.sort).map((study) => (_jsxs("tr", { "data-testid": "pacs-study-row", "data-study-uid": study.studyInstanceUID, children: [_jsx("td", { title: personNameText(study.patientName), children: clipText(personNameText(study.patientName)) }), _jsx("td", { title: study.patientId, children: clipText(study.patientId) }), _jsx("td", { children: formatDicomDate(study.studyDate) }), _jsx("td", { title: study.studyDescription, children: clipText(study.studyDescription) }), _jsx("td", { children: study.modalities.join(' ') }), _jsx("td", { children: _jsx("button", { type: "button", "data-testid": "pacs-open", onClick: () => void commands.openPacsStudy(study.studyInstanceUID), children: "Open" }) })] }, study.studyInstanceUID))) })] }), pacs.results.length === 0 && _jsx("p", { "data-testid": "pacs-no-results", children: "No study matches." }), _jsxs("div", { className: "pacs__pages", children: [_jsx("button", { type: "button", "data-testid": "pacs-prev", disabled: pacs.page === 0, onClick: () => void commands.searchPacs(pacs.query, pacs.page - 1), children: "\u25C0" }), _jsxs("span", { children: [" page ", pacs.page + 1, " "] }), _jsx("button", { type: "button", "data-testid": "pacs-next", disabled: pacs.results.length < PACS_PAGE_SIZE, onClick: () => void commands.searchPacs(pacs.query, pacs.page + 1), children: "\u25B6" })] })] }))] }))] }));
}
