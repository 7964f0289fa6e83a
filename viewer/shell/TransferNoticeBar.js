import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
/** What the last export or import did, with every refused item and its reason. */
export function TransferNoticeBar() {
    const notice = useAppState((s) => s.transferNotice);
    if (!notice)
        return null;
    return (_jsxs("div", { className: notice.kind === 'error' ? 'status' : 'notice', role: notice.kind === 'error' ? 'alert' : 'status', "data-testid": "transfer-notice", "data-kind": notice.kind, children: [notice.text, ' ', _jsx("button", { type: "button", onClick: () => setState({ transferNotice: null }), children: "OK" }), notice.details.length > 0 && (_jsx("ul", { className: "transfer-details", children: notice.details.map((d, i) => _jsx("li", { children: d }, i)) }))] }));
}
