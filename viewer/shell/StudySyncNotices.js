import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { dismissStudySyncNotice, keepThisTabVertebrae, takeOtherTabVertebrae } from '../actions/autosave';
import { exportJson } from '../actions/exportMeasurements';
import { useAppState } from '../state/useAppState';
function plural(count) {
    return `${count} vertebra${count === 1 ? '' : 'e'}`;
}
/** What another tab did to a study shown here: taken in (told), or held back until the reader chooses. */
export function StudySyncNotices() {
    const notices = useAppState((s) => s.studySyncNotices);
    const patients = useAppState((s) => s.patients);
    const repeatReading = useAppState((s) => s.repeatReading);
    const blindedStudies = repeatReading?.phase === 'blinded' ? repeatReading.first.map((m) => m.studyKey) : [];
    return (_jsx(_Fragment, { children: notices.map((notice) => {
            const study = patients.flatMap((p) => p.studies).find((s) => s.key === notice.studyKey);
            const label = study ? `${study.studyDescription || 'study'} of ${study.studyDate}` : 'this study';
            if (notice.kind === 'updated') {
                return (_jsxs("div", { className: "notice", role: "status", "data-testid": "tab-updated", "data-study-key": notice.studyKey, "data-count": notice.count, children: ["Another tab changed the vertebrae of ", label, ": this tab now shows its ", plural(notice.count), ".", ' ', _jsx("button", { type: "button", "data-testid": "tab-updated-dismiss", onClick: () => dismissStudySyncNotice(notice.studyKey), children: "OK" })] }, notice.studyKey));
            }
            const blinded = blindedStudies.includes(notice.studyKey);
            return (_jsxs("div", { className: "status", role: "alert", "data-testid": "tab-conflict", "data-study-key": notice.studyKey, "data-count": notice.count, children: ["Another tab saved ", plural(notice.count), " of ", label, " while this tab had changes of its own: this tab's vertebrae of that study are NOT saved until you choose.", ' ', _jsx("button", { type: "button", "data-testid": "tab-conflict-keep", onClick: () => keepThisTabVertebrae(notice.studyKey), children: "Keep this tab's (replaces the other tab's)" }), ' ', _jsx("button", { type: "button", "data-testid": "tab-conflict-take", disabled: blinded, title: blinded ? 'Finish or cancel the blinded repeat reading first' : undefined, onClick: () => takeOtherTabVertebrae(notice.studyKey), children: "Show the other tab's (drops this tab's changes)" }), ' ', _jsx("button", { type: "button", "data-testid": "tab-conflict-export", onClick: () => void exportJson(), children: "Export this tab's as JSON" })] }, notice.studyKey));
        }) }));
}
