import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { discardRestored, dismissRestoredNotice } from '../actions/autosave';
import { exportJson } from '../actions/exportMeasurements';
import { useAppState } from '../state/useAppState';
/**
 * "Restored N measurements" for each study whose saved work came back, with a way to discard it; and when the browser
 * store fails, why, with the JSON export at hand.
 */
export function RestoredNotice() {
    const notices = useAppState((s) => s.restoredNotices);
    const patients = useAppState((s) => s.patients);
    const saveError = useAppState((s) => s.saveError);
    return (_jsxs(_Fragment, { children: [saveError && (_jsxs("div", { className: "status", role: "alert", "data-testid": "save-error", children: [saveError, ' ', _jsx("button", { type: "button", "data-testid": "save-error-export", onClick: () => void exportJson(), children: "Export JSON now" })] })), notices.map((notice) => {
                const study = patients.flatMap((p) => p.studies).find((s) => s.key === notice.studyKey);
                const label = study ? `${study.studyDescription || 'study'} of ${study.studyDate}` : 'this study';
                return (_jsxs("div", { className: "notice", role: "status", "data-testid": "restore-notice", "data-count": notice.ids.length, children: ["Restored ", notice.ids.length, " measurement", notice.ids.length === 1 ? '' : 's', " of ", label, " saved in this browser.", ' ', _jsx("button", { type: "button", "data-testid": "discard-restored", onClick: () => discardRestored(notice.studyKey), children: "Discard them" }), ' ', _jsx("button", { type: "button", onClick: () => dismissRestoredNotice(notice.studyKey), children: "Keep" })] }, notice.studyKey));
            })] }));
}
