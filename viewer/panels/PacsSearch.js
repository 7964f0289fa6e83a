import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useAppState } from '../state/useAppState';
/** An HTML date (YYYY-MM-DD) as DICOM DA (YYYYMMDD); '' stays ''. */
const toDa = (date) => date.replace(/-/g, '');
/** The study search form: patient name (wildcards), patient ID, date range, modality. */
export function PacsSearch({ searchPacs }) {
    const query = useAppState((s) => s.pacs.query);
    const [name, setName] = useState(query.patientName ?? '');
    const [id, setId] = useState(query.patientId ?? '');
    const [from, setFrom] = useState('');
    const [to, setTo] = useState('');
    const [modality, setModality] = useState(query.modality ?? '');
    const submit = (event) => {
        event.preventDefault();
        void searchPacs({ patientName: name, patientId: id, studyDateFrom: toDa(from), studyDateTo: toDa(to), modality }, 0);
    };
    return (_jsxs("form", { className: "pacs__search", onSubmit: submit, children: [_jsx("input", { "data-testid": "pacs-patient-name", placeholder: "Patient name (* ? wildcards)", value: name, onChange: (e) => setName(e.target.value) }), _jsx("input", { "data-testid": "pacs-patient-id", placeholder: "Patient ID", value: id, onChange: (e) => setId(e.target.value) }), _jsxs("label", { children: ["from ", _jsx("input", { "data-testid": "pacs-date-from", type: "date", value: from, onChange: (e) => setFrom(e.target.value) })] }), _jsxs("label", { children: ["to ", _jsx("input", { "data-testid": "pacs-date-to", type: "date", value: to, onChange: (e) => setTo(e.target.value) })] }), _jsxs("select", { "data-testid": "pacs-modality", value: modality, onChange: (e) => setModality(e.target.value), children: [_jsx("option", { value: "", children: "any modality" }), ['CT', 'MR', 'CR', 'DX', 'SR'].map((m) => _jsx("option", { value: m, children: m }, m))] }), _jsx("button", { type: "submit", "data-testid": "pacs-search", children: "Search" })] }));
}
