import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
import { useAppState } from '../state/useAppState';
import { clipText } from '../loading/clipText';
/** Messages are longer than names: they say what is wrong and what happens instead. */
const PROBLEM_MESSAGE_MAX_CHARS = 400;
/** Every file that could not be used (or only with a caveat), with its own message. */
export function ProblemList() {
    const problems = useAppState((s) => s.problems);
    if (problems.length === 0)
        return null;
    return (_jsxs("section", { className: "problems", "aria-label": "File problems", children: [_jsxs("h2", { children: ["Files with problems (", problems.length, ")"] }), _jsx("ul", { children: problems.map((p, i) => (_jsxs("li", { className: `problem problem--${p.severity}`, "data-testid": "file-problem", "data-file-name": p.fileName, "data-severity": p.severity, title: `${p.fileName}: ${p.message}`, children: [_jsx("b", { children: clipText(p.fileName) }), ": ", clipText(p.message, PROBLEM_MESSAGE_MAX_CHARS)] }, `${p.fileName}-${i}`))) })] }));
}
