import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import './keyboardCursor.css';
import { activeKeyboardCursor } from '../actions/keyboardCursor';
import { useAppState } from '../state/useAppState';
/** Arms of the crosshair: from the gap around the point (px) to the arm's end (px). */
const GAP_PX = 4;
const ARM_PX = 14;
const ARMS = [
    [-ARM_PX, 0, -GAP_PX, 0],
    [GAP_PX, 0, ARM_PX, 0],
    [0, -ARM_PX, 0, -GAP_PX],
    [0, GAP_PX, 0, ARM_PX],
];
/** The keyboard cursor, drawn on its view at the canvas position the next Enter places a point at. */
export function KeyboardCursor({ viewportId }) {
    const cursor = useAppState(activeKeyboardCursor);
    if (!cursor || cursor.viewportId !== viewportId)
        return null;
    return (_jsx("div", { className: "keyboard-cursor", "data-testid": "keyboard-cursor", "data-x-px": cursor.xPx, "data-y-px": cursor.yPx, "aria-hidden": "true", style: { left: cursor.xPx, top: cursor.yPx }, children: _jsxs("svg", { width: 32, height: 32, viewBox: "-16 -16 32 32", children: [ARMS.map(([x1, y1, x2, y2]) => _jsx("line", { className: "keyboard-cursor__halo", x1: x1, y1: y1, x2: x2, y2: y2 }, `h${x1},${y1}`)), ARMS.map(([x1, y1, x2, y2]) => _jsx("line", { className: "keyboard-cursor__arm", x1: x1, y1: y1, x2: x2, y2: y2 }, `a${x1},${y1}`)), _jsx("circle", { className: "keyboard-cursor__ring", r: GAP_PX + 2 })] }) }));
}
