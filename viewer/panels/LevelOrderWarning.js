import { jsxs as _jsxs } from "react/jsx-runtime";
/** A notice (blocking nothing) when labels contradict their positions on the image, e.g. T5 below T10. */
export function LevelOrderWarning({ violations }) {
    if (violations.length === 0)
        return null;
    const pairs = violations.map((v) => `${v.cranial} lies at or below ${v.caudal}`);
    return (_jsxs("p", { className: "morphometry__warning", role: "status", "data-testid": "level-order-warning", "data-pairs": violations.map((v) => `${v.cranial}-${v.caudal}`).join(','), children: ["Levels out of order on the image: ", pairs.join('; '), ". Check the labels (nothing is blocked)."] }));
}
