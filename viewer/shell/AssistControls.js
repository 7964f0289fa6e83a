import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import './assist.css';
import { setAssistMode, startSpineDetection } from '../actions/assist';
import { ASSIST_MODES } from '../state/assistState';
import { useAppState } from '../state/useAppState';
/** Short labels: the select is as wide as its longest option, and the toolbar must stay one row on a 1400 px screen. */
const MODE_LABELS = {
    off: 'Assist: off',
    snap: 'Assist: snap',
    click: 'Assist: 1 click',
};
/**
 * The image-analysis controls of the height tool: the assist mode, "Detect vertebrae" (two clicks for the whole spine
 * between them), and what the analysis last said. `data-pending` counts requests the worker has not answered yet.
 */
export function AssistControls() {
    const hasPlan = useAppState((s) => s.plan !== null);
    const mode = useAppState((s) => s.assist.mode);
    const detection = useAppState((s) => s.assist.detection);
    const pending = useAppState((s) => s.assist.pending);
    const notice = useAppState((s) => s.assist.notice);
    return (_jsxs("span", { className: "assist-controls", "data-testid": "assist-status", "data-pending": pending, "data-detecting": detection?.step ?? '', children: [_jsx("select", { "aria-label": "Image-analysis assistance", title: "Image-analysis assistance. Snap: each click lands on the endplate edge (hold Alt to place exactly). 1 click: a click inside a body proposes its six points.", "data-testid": "assist-mode", value: mode, disabled: !hasPlan, onChange: (e) => setAssistMode(e.target.value), children: ASSIST_MODES.map((m) => _jsx("option", { value: m, children: MODE_LABELS[m] }, m)) }), _jsx("button", { type: "button", "data-testid": "detect-spine", disabled: !hasPlan, "aria-pressed": detection !== null, title: "Click the centre of the first and of the last vertebral body: every body between is proposed, levels counted from the level selector", onClick: startSpineDetection, children: "Detect vertebrae" }), pending > 0 && _jsx("span", { className: "assist-controls__busy", "aria-live": "polite", children: "analysing\u2026" }), notice && (_jsx("span", { className: `assist-controls__notice assist-controls__notice--${notice.kind}`, "data-testid": "assist-notice", "data-kind": notice.kind, role: notice.kind === 'error' ? 'alert' : 'status', children: notice.message }))] }));
}
