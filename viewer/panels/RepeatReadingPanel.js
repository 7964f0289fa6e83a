import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useRef } from 'react';
import { seriesReadingComparison } from '../model/readingComparison';
import { fmt, signed } from '../model/format';
import { useAppState } from '../state/useAppState';
/**
 * Repeat reading of the series on screen: a blinded second reading by the same reader, or a second reader's file; then
 * per level the differences and over the levels the precision (RMS-CV, Bland–Altman limits of agreement).
 */
export function RepeatReadingPanel({ commands, seriesKey }) {
    const repeat = useAppState((s) => s.repeatReading);
    const fileInput = useRef(null);
    const active = repeat !== null && repeat.seriesKey === seriesKey ? repeat : null;
    if (active?.phase === 'blinded') {
        return (_jsxs("div", { className: "repeat", "data-testid": "repeat-blinded", "data-hidden-count": active.first.length, children: [_jsx("strong", { children: "Blinded repeat reading" }), ": the first reading (", active.first.length, " level(s)) is hidden; measure the same levels again.", ' ', _jsx("button", { type: "button", "data-testid": "repeat-finish", onClick: commands.finishRepeatReading, children: "Finish and compare" }), ' ', _jsx("button", { type: "button", "data-testid": "repeat-cancel", onClick: commands.cancelRepeatReading, children: "Cancel (discard the repeat)" })] }));
    }
    const controls = (_jsxs("div", { className: "repeat__controls", children: [_jsx("button", { type: "button", "data-testid": "repeat-reading", title: "Hide this reading and measure the same levels again, blinded", onClick: commands.startRepeatReading, children: "Measure again (blinded)" }), ' ', _jsx("button", { type: "button", "data-testid": "repeat-import", title: "Compare with another reader's JSON or SR of this series", onClick: () => fileInput.current?.click(), children: "Compare with a second reader\u2026" }), _jsx("input", { ref: fileInput, type: "file", hidden: true, accept: ".json,.dcm,application/json,application/dicom", "data-testid": "repeat-import-input", onChange: (e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file)
                        void commands.importSecondReading(file);
                } })] }));
    if (active === null)
        return controls;
    const result = seriesReadingComparison(active);
    if (!result.ok) {
        return (_jsxs("div", { className: "repeat", children: [controls, _jsxs("p", { className: "morphometry__warning", "data-testid": "repeat-error", children: ["The readings cannot be compared: ", result.error.message] }), _jsx("button", { type: "button", onClick: commands.cancelRepeatReading, children: "Close" })] }));
    }
    const c = result.value;
    const pooled = c.pooled;
    const loa = pooled.agreementMm;
    return (_jsxs("div", { className: "repeat", children: [controls, _jsxs("div", { "data-testid": "repeat-stats", "data-levels": c.levels.length, "data-rms-cv-pct": pooled.rmsCvPct, "data-loa-mm": loa === null ? '' : `${loa.lower},${loa.upper}`, "data-bias-mm": loa?.bias ?? '', "data-second": active.secondLabel, children: [_jsx("strong", { children: "Repeatability" }), " (first reading vs ", active.secondLabel, ", ", c.levels.length, " level(s)): RMS-CV ", fmt(pooled.rmsCvPct, 1, ' %'), ", limits of agreement ", loa === null ? '— (needs two levels)' : `${signed(loa.lower, 1)} to ${signed(loa.upper, 1)} mm (bias ${signed(loa.bias, 1)} mm)`, c.onlyFirst.length + c.onlySecond.length > 0 && (_jsxs("span", { className: "morphometry__warning", children: [" read once only: ", [...c.onlyFirst, ...c.onlySecond].join(', ')] })), ' ', _jsx("button", { type: "button", "data-testid": "repeat-export-csv", onClick: commands.exportRepeatCsv, children: "CSV" }), ' ', _jsx("button", { type: "button", "data-testid": "repeat-close", onClick: commands.cancelRepeatReading, children: "Close" })] }), _jsxs("table", { "data-testid": "repeat-table", children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { children: "Level" }), _jsx("th", { children: "\u0394Ha (mm)" }), _jsx("th", { children: "\u0394Hm (mm)" }), _jsx("th", { children: "\u0394Hp (mm)" }), _jsx("th", { children: "\u0394loss" }), _jsx("th", { children: "grades" })] }) }), _jsx("tbody", { children: c.levels.map((l) => (_jsxs("tr", { "data-testid": "repeat-row", "data-level": l.level, children: [_jsx("td", { children: l.level }), _jsx("td", { "data-field": "differenceAnteriorMm", "data-value": l.differenceMm.anterior, children: signed(l.differenceMm.anterior, 2) }), _jsx("td", { "data-field": "differenceMiddleMm", "data-value": l.differenceMm.middle, children: signed(l.differenceMm.middle, 2) }), _jsx("td", { "data-field": "differencePosteriorMm", "data-value": l.differenceMm.posterior, children: signed(l.differenceMm.posterior, 2) }), _jsx("td", { "data-field": "heightLossDifferencePct", "data-value": l.heightLossDifferencePct, children: signed(l.heightLossDifferencePct, 1, ' %') }), _jsxs("td", { "data-field": "grades", "data-value": `${l.gradeFirst},${l.gradeSecond}`, children: [l.gradeFirst, " / ", l.gradeSecond] })] }, l.level))) })] })] }));
}
