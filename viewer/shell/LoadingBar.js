import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
/**
 * The one place loading is reported: what is happening, how far, and a progress bar. Without `done`/`total` (a
 * request to a PACS, whose size is not known yet) the bar is indeterminate.
 */
export function LoadingBar({ testId, label, done, total }) {
    const counted = done !== undefined && total !== undefined;
    return (_jsxs("div", { className: "loading-bar", role: "status", "data-testid": testId, children: [_jsx("span", { className: "loading-bar__label", children: counted ? `${label}: ${done} / ${total}` : `${label}…` }), counted ? _jsx("progress", { max: Math.max(1, total), value: done, "aria-label": label }) : _jsx("progress", { "aria-label": label })] }));
}
