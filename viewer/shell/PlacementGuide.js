import { jsxs as _jsxs } from "react/jsx-runtime";
import { activeKeyboardCursor } from '../actions/keyboardCursor';
import { placementGuide } from '../tools/placement';
import { useAppState } from '../state/useAppState';
/** Which corner of which level the next click places: shown over the views, where the eyes are while measuring. */
export function PlacementGuide() {
    const primaryTool = useAppState((s) => s.primaryTool);
    const nextLevel = useAppState((s) => s.nextLevel);
    const placementCount = useAppState((s) => s.placementCount);
    const byKeyboard = useAppState((s) => activeKeyboardCursor(s) !== null);
    if (primaryTool !== 'vertebralHeight')
        return null;
    return (_jsxs("div", { className: "placement-guide", role: "status", "data-testid": "placement-guide", "data-placed": placementCount, "data-input": byKeyboard ? 'keyboardCursor' : 'mouse', children: [nextLevel, ": ", placementGuide(placementCount, byKeyboard ? 'keyboardCursor' : 'mouse')] }));
}
