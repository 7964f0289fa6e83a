import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useEffect, useId, useRef, useState } from 'react';
import { ChevronDown } from 'lucide-react';
/**
 * A disclosure menu for less-used actions: the button toggles a panel of ordinary buttons (reachable with Tab), Escape
 * or a click elsewhere closes it and gives the focus back to the button.
 */
export function ToolbarMenu({ testId, icon: Icon, label, children }) {
    const [open, setOpen] = useState(false);
    const panelId = useId();
    const rootRef = useRef(null);
    const buttonRef = useRef(null);
    useEffect(() => {
        if (!open)
            return;
        const onPointer = (event) => {
            if (!rootRef.current?.contains(event.target))
                setOpen(false);
        };
        const onKey = (event) => {
            if (event.key !== 'Escape')
                return;
            // Escape closes the menu before it does anything else (cancelling a placement, say).
            event.stopImmediatePropagation();
            setOpen(false);
            buttonRef.current?.focus();
        };
        document.addEventListener('pointerdown', onPointer);
        window.addEventListener('keydown', onKey, { capture: true });
        return () => {
            document.removeEventListener('pointerdown', onPointer);
            window.removeEventListener('keydown', onKey, { capture: true });
        };
    }, [open]);
    return (_jsxs("div", { className: "menu", ref: rootRef, children: [_jsxs("button", { ref: buttonRef, type: "button", className: "tool__button tool__button--text", "data-testid": testId, "aria-expanded": open, "aria-controls": panelId, title: label, onClick: () => setOpen((o) => !o), children: [_jsx(Icon, { "aria-hidden": "true", size: 18 }), _jsx("span", { className: "tool__text", children: label }), _jsx(ChevronDown, { "aria-hidden": "true", size: 14 })] }), open && (_jsx("div", { className: "menu__panel", id: panelId, "data-testid": `${testId}-panel`, children: children(() => setOpen(false)) }))] }));
}
