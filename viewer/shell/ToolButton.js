import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { shortcutLabel } from '../model/shortcuts';
/**
 * An icon button whose tooltip names the action and its key, or says why it is disabled. The tooltip sits on a wrapper
 * so it still shows over a disabled button (which gets no mouse events).
 */
export function ToolButton({ testId, icon: Icon, label, text, shortcut, disabledReason, pressed, onClick }) {
    const keys = shortcut ? shortcutLabel(shortcut) : '';
    const tooltip = disabledReason ? `${label}: ${disabledReason}` : keys ? `${label} (${keys})` : label;
    return (_jsx("span", { className: "tool", title: tooltip, children: _jsxs("button", { type: "button", className: `tool__button${text ? ' tool__button--text' : ''}${Icon ? ' tool__button--icon' : ''}`, "data-testid": testId, "aria-label": label, "aria-keyshortcuts": keys ? keys.replace(/ or /g, ' ') : undefined, "aria-pressed": pressed, disabled: Boolean(disabledReason), onClick: onClick, children: [Icon && _jsx(Icon, { "aria-hidden": "true", size: 18 }), text && _jsx("span", { className: "tool__text", children: text })] }) }));
}
