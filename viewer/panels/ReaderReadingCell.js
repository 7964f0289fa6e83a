import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
/** The reader's own grade (blank or 0–3), endplate depression (ABQ) and note for one row; every change is one undo step. */
export function ReaderReadingCell({ reading, disagrees, onChange, }) {
    return (_jsxs("td", { "data-field": "readerGrade", "data-value": reading.grade ?? '', "data-disagrees": disagrees, className: disagrees ? 'morphometry__reader morphometry__reader--disagrees' : 'morphometry__reader', onClick: (e) => e.stopPropagation(), children: [_jsxs("select", { "aria-label": "Reader's grade", "data-testid": "reader-grade", title: "Your visual Genant grade (blank: not graded)", value: reading.grade ?? '', onChange: (e) => onChange({ ...reading, grade: e.target.value === '' ? null : Number(e.target.value) }), children: [_jsx("option", { value: "", children: "\u2013" }), [0, 1, 2, 3].map((g) => _jsx("option", { value: g, children: g }, g))] }), _jsxs("label", { title: "Endplate depression (ABQ)", children: [_jsx("input", { type: "checkbox", "data-testid": "reader-endplate", checked: reading.endplateDepression, onChange: (e) => onChange({ ...reading, endplateDepression: e.target.checked }) }), "EP"] }), _jsx("input", { type: "text", "data-testid": "reader-note", "aria-label": "Reader's note", placeholder: "note", size: 8, defaultValue: reading.note, onBlur: (e) => {
                    if (e.target.value !== reading.note)
                        onChange({ ...reading, note: e.target.value });
                }, onKeyDown: (e) => {
                    if (e.key === 'Enter')
                        e.currentTarget.blur();
                } }, reading.note), disagrees && _jsx("span", { className: "morphometry__disagree", "data-testid": "reader-disagrees", title: "Your grade differs from the morphometric grade", children: "\u2260" })] }));
}
