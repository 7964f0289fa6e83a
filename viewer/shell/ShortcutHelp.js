import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useEffect, useRef } from 'react';
import { X } from 'lucide-react';
import { SHORTCUTS, chordLabel } from '../model/shortcuts';
const GROUP_ORDER = ['General', 'Navigation', 'Window', 'Measure', 'Keyboard cursor', 'Compare'];
/** The `?` overlay: the keyboard map, generated from the table the key handlers dispatch on. */
export function ShortcutHelp({ onClose }) {
    const closeRef = useRef(null);
    useEffect(() => {
        const before = document.activeElement;
        closeRef.current?.focus();
        return () => before?.focus();
    }, []);
    return (_jsx("div", { className: "modal-backdrop", onClick: onClose, children: _jsxs("div", { className: "shortcut-help", role: "dialog", "aria-modal": "true", "aria-labelledby": "shortcut-help-title", "data-testid": "shortcut-help", onClick: (e) => e.stopPropagation(), children: [_jsxs("header", { className: "shortcut-help__header", children: [_jsx("h2", { id: "shortcut-help-title", children: "Keyboard shortcuts" }), _jsx("button", { ref: closeRef, type: "button", className: "icon-button", "aria-label": "Close the list of keys", title: "Close (Esc)", onClick: onClose, children: _jsx(X, { "aria-hidden": "true", size: 18 }) })] }), _jsx("div", { className: "shortcut-help__groups", children: GROUP_ORDER.map((group) => (_jsxs("section", { className: "shortcut-help__group", children: [_jsx("h3", { children: group }), _jsx("table", { children: _jsx("tbody", { children: SHORTCUTS.filter((s) => s.group === group).map((shortcut) => (_jsxs("tr", { "data-testid": "shortcut-row", "data-shortcut-id": shortcut.id, children: [_jsx("td", { className: "shortcut-help__keys", children: shortcut.chords.map((chord) => _jsx("kbd", { children: chordLabel(chord) }, chordLabel(chord))) }), _jsx("td", { children: shortcut.description })] }, shortcut.id))) }) })] }, group))) }), _jsx("p", { className: "shortcut-help__foot", children: "Tab moves between controls; Enter or Space presses the focused one." })] }) }));
}
