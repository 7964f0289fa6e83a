import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { GENANT_GRADE_NAMES, gradeRangeLabel, gradeRuleCode, SPINAL_LEVELS } from '../../measurement';
import { seriesMorphometry } from '../model/morphometry';
import { isUnconfirmed, needsCheck } from '../model/proposal';
import { readingOf } from '../model/measurements';
import { readerDisagrees } from '../model/readerReading';
import { LevelOrderWarning } from './LevelOrderWarning';
import { ReaderReadingCell } from './ReaderReadingCell';
import { RepeatReadingPanel } from './RepeatReadingPanel';
import { useAppState } from '../state/useAppState';
const number = (value, digits, suffix = '') => value === null || value === undefined ? { value: null, text: '—' } : { value, text: `${value.toFixed(digits)}${suffix}` };
/** The values of one row; uncalibrated rows keep heights (in px) and ratios but carry no loss, deformity or grade. */
function cellsOf(row, calibrated) {
    const a = row.assessment;
    const graded = calibrated && a !== null;
    return {
        anteriorMm: number(a?.heights.anteriorMm, 1),
        middleMm: number(a?.heights.middleMm, 1),
        posteriorMm: number(a?.heights.posteriorMm, 1),
        wedgeRatio: number(a?.assessment.wedgeRatio, 2),
        biconcavityRatio: number(a?.assessment.biconcavityRatio, 2),
        crushRatio: number(a?.assessment.crushRatio, 2),
        heightLossPct: graded ? number(a.assessment.heightLossPct, 1, ' %') : { value: null, text: '—' },
        heightLossUncertaintyPct: graded ? number(a.uncertainty?.heightLossPct, 1, ' %') : { value: null, text: '—' },
        gradeRange: graded
            ? a.uncertainty === null
                ? { value: `${a.assessment.grade}`, text: `${a.assessment.grade}` }
                : { value: gradeRangeLabel(a.uncertainty.gradeRange), text: a.uncertainty.borderline ? `grade ${a.uncertainty.gradeRange.min}–${a.uncertainty.gradeRange.max}` : `${a.uncertainty.gradeRange.min}` }
            : { value: null, text: '—' },
        gradeRule: graded ? { value: gradeRuleCode(a.assessment.gradeRule), text: gradeRuleCode(a.assessment.gradeRule) } : { value: null, text: '—' },
        expectedAnteriorMm: graded ? number(a.assessment.expectedAnteriorMm, 1) : { value: null, text: '—' },
        expectedMiddleMm: graded ? number(a.assessment.expectedMiddleMm, 1) : { value: null, text: '—' },
        expectedPosteriorMm: graded ? number(a.assessment.expectedPosteriorMm, 1) : { value: null, text: '—' },
        anteriorLossPct: graded ? number(a.assessment.anteriorLossPct, 1, ' %') : { value: null, text: '—' },
        middleLossPct: graded ? number(a.assessment.middleLossPct, 1, ' %') : { value: null, text: '—' },
        posteriorLossPct: graded ? number(a.assessment.posteriorLossPct, 1, ' %') : { value: null, text: '—' },
        deformity: graded ? { value: a.assessment.deformity, text: a.assessment.deformity } : { value: null, text: '—' },
        grade: graded
            ? { value: a.assessment.grade, text: `${a.assessment.grade} ${GENANT_GRADE_NAMES[a.assessment.grade]}` }
            : { value: null, text: calibrated ? '—' : 'not graded' },
        wedgeAngleDeg: number(a?.wedgeAngleDeg, 1, '°'),
    };
}
const COLUMNS = [
    { field: 'anteriorMm', label: 'Ha', title: 'Anterior height' },
    { field: 'middleMm', label: 'Hm', title: 'Middle height' },
    { field: 'posteriorMm', label: 'Hp', title: 'Posterior height' },
    { field: 'wedgeRatio', label: 'Ha/Hp', title: 'Wedge ratio' },
    { field: 'biconcavityRatio', label: 'Hm/Hp', title: 'Biconcavity ratio' },
    { field: 'crushRatio', label: 'Hp/ref', title: 'Crush ratio: Hp over the mean Hp of the undeformed neighbours' },
    { field: 'expectedAnteriorMm', label: 'exp. Ha', title: 'Anterior height expected from the undeformed neighbours' },
    { field: 'expectedMiddleMm', label: 'exp. Hm', title: 'Middle height expected from the undeformed neighbours' },
    { field: 'expectedPosteriorMm', label: 'exp. Hp', title: 'Posterior height expected from the undeformed neighbours' },
    { field: 'anteriorLossPct', label: 'Ha loss', title: 'Anterior height lost against the neighbours' },
    { field: 'middleLossPct', label: 'Hm loss', title: 'Middle height lost against the neighbours' },
    { field: 'posteriorLossPct', label: 'Hp loss', title: 'Posterior height lost against the neighbours (crush)' },
    { field: 'heightLossPct', label: 'Loss', title: 'Graded height loss: the largest of the wedge, biconcave and neighbour-referenced losses' },
    { field: 'heightLossUncertaintyPct', label: '±', title: 'Uncertainty of the graded loss from the displayed pixel size and slice spacing (± %)' },
    { field: 'deformity', label: 'Type', title: 'Deformity type' },
    { field: 'grade', label: 'Genant', title: 'Genant semi-quantitative grade' },
    { field: 'gradeRange', label: 'Range', title: 'The grades within the uncertainty of the losses: "grade 1–2" is borderline' },
    { field: 'gradeRule', label: 'Rule', title: 'The loss that made the grade: wedge, biconcave (against its own Hp) or anterior/middle/crush (against the neighbours)' },
    { field: 'wedgeAngleDeg', label: 'Wedge°', title: 'Wedge angle between the endplates; positive = kyphotic' },
];
export function MorphometryPanel({ commands }) {
    const measurements = useAppState((s) => s.measurements);
    const seriesKey = useAppState((s) => s.plan?.seriesKey ?? null);
    const selectedId = useAppState((s) => s.selectedMeasurementId);
    const savesPending = useAppState((s) => s.savesPending);
    const saveFailed = useAppState((s) => s.saveError !== null);
    const heldBack = useAppState((s) => s.studySyncNotices.some((n) => n.kind === 'conflict'));
    const restored = useAppState((s) => {
        const study = s.patients.flatMap((p) => p.studies).find((st) => st.series.some((x) => x.key === s.plan?.seriesKey));
        return study !== undefined && s.studiesRestored.includes(study.key);
    });
    if (!seriesKey)
        return null;
    const { rows, calibrated, levelOrder } = seriesMorphometry(measurements, seriesKey);
    const unit = calibrated ? 'mm' : 'px';
    const unconfirmed = rows.filter((r) => isUnconfirmed(r.measurement)).map((r) => r.measurement.level);
    return (_jsxs("section", { className: "morphometry", "aria-label": "Morphometry", "data-testid": "morphometry-panel", children: [_jsxs("h2", { children: ["Morphometry", ' ', _jsx("small", { className: "morphometry__saved", "data-testid": "save-status", "data-pending": savesPending, "data-failed": saveFailed || heldBack, "data-restored": restored, children: saveFailed ? 'NOT saved in this browser' : heldBack ? 'not saved: another tab changed this study' : savesPending > 0 ? 'saving…' : 'saved in this browser' }), ' ', calibrated ? '' : _jsx("span", { className: "morphometry__warning", "data-testid": "morphometry-uncalibrated", children: "uncalibrated: heights in pixels, no grade" })] }), unconfirmed.length > 0 && (_jsxs("p", { className: "morphometry__proposals", "data-testid": "unconfirmed-count", "data-count": unconfirmed.length, children: [unconfirmed.length, " proposed ", unconfirmed.length === 1 ? 'vertebra is' : 'vertebrae are', " not reviewed yet (", unconfirmed.join(', '), "): accept (A) or edit each, or", ' ', _jsx("button", { type: "button", "data-testid": "accept-all", onClick: commands.acceptAllProposals, children: "Accept all" })] })), _jsx(LevelOrderWarning, { violations: levelOrder }), _jsx(RepeatReadingPanel, { commands: commands.repeat, seriesKey: seriesKey }), rows.length === 0 ? (_jsx("p", { className: "morphometry__empty", children: "No vertebra measured on this series yet: choose the height tool (V), a level, and click the six points." })) : (_jsx("div", { className: "morphometry__table", children: _jsxs("table", { children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { children: "Level" }), COLUMNS.map((c) => (_jsxs("th", { title: c.title, children: [c.label, c.field.endsWith('Mm') ? ` (${unit})` : ''] }, c.field))), _jsx("th", { title: "Undeformed neighbours used as the reference posterior height", children: "Ref." }), _jsx("th", { title: "Your own reading: visual Genant grade, endplate depression (ABQ), note", children: "Reader" }), _jsx("th", {})] }) }), _jsx("tbody", { children: rows.map((row) => {
                                const cells = cellsOf(row, calibrated);
                                const { measurement } = row;
                                const reading = readingOf(measurement);
                                const range = calibrated && row.assessment ? row.assessment.uncertainty?.gradeRange ?? { min: row.assessment.assessment.grade, max: row.assessment.assessment.grade } : null;
                                return (_jsxs("tr", { "data-testid": "measurement-row", "data-level": measurement.level, "data-measurement-id": measurement.id, "data-proposed": isUnconfirmed(measurement) ? 'true' : 'false', "data-confidence": measurement.confidence ?? '', "aria-selected": measurement.id === selectedId, "data-borderline": row.assessment?.uncertainty?.borderline ?? false, className: `morphometry__row morphometry__row--grade-${calibrated ? cells.grade.value ?? 'none' : 'none'}`, onClick: () => commands.focusMeasurementById(measurement.id), children: [_jsx("td", { children: _jsx("select", { "aria-label": "Level", "data-testid": "row-level", value: measurement.level, onClick: (e) => e.stopPropagation(), onChange: (e) => commands.relabelMeasurement(measurement.id, e.target.value), children: SPINAL_LEVELS.map((level) => _jsx("option", { value: level, children: level }, level)) }) }), COLUMNS.map((c) => (_jsx("td", { "data-field": c.field, "data-value": cells[c.field].value ?? '', children: cells[c.field].text }, c.field))), _jsx("td", { "data-field": "referenceLevels", "data-value": row.assessment?.referenceLevels.join(',') ?? '', children: row.assessment?.referenceLevels.join(', ') || '—' }), _jsx(ReaderReadingCell, { reading: reading, disagrees: readerDisagrees(reading, range), onChange: (next) => commands.setReaderReading(measurement.id, next) }), _jsxs("td", { children: [row.error && _jsxs("span", { className: "morphometry__error", title: row.error, children: ["\u26A0 ", row.error] }), needsCheck(measurement) && (_jsx("span", { className: "morphometry__check", "data-testid": "proposal-check", title: (measurement.reasons ?? []).map((r) => r.message).join(' ') || 'Low confidence', children: "check" })), isUnconfirmed(measurement) && (_jsx("button", { type: "button", "data-testid": "accept-proposal", title: `Proposed by the image analysis (confidence ${((measurement.confidence ?? 0) * 100).toFixed(0)} %): accept it (A)`, onClick: (e) => {
                                                        e.stopPropagation();
                                                        commands.acceptProposal(measurement.id);
                                                    }, children: "Accept" })), _jsx("button", { type: "button", "data-testid": "delete-measurement", title: "Delete this vertebra (Del)", onClick: (e) => {
                                                        e.stopPropagation();
                                                        commands.deleteMeasurement(measurement.id);
                                                    }, children: "\u2715" })] })] }, measurement.id));
                            }) })] }) }))] }));
}
