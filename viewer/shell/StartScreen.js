import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { openSample } from '../actions/openStudy';
export function StartScreen() {
    return (_jsxs("div", { className: "start", children: [_jsx("h1", { children: "Vertebral height measurement" }), _jsxs("p", { children: ["Open a CT or MR series of the spine: use ", _jsx("b", { children: "Files" }), " or ", _jsx("b", { children: "Folder" }), " in the study browser on the left, or drop files or folders anywhere on this page. Files are read in this browser only; nothing is uploaded."] }), _jsxs("p", { children: [_jsx("button", { type: "button", onClick: () => void openSample(['baseline']), children: "Open sample study (baseline CT + sagittal MR)" }), ' ', _jsx("button", { type: "button", onClick: () => void openSample(['post']), children: "Open post-kyphoplasty sample" }), ' ', _jsx("button", { type: "button", onClick: () => void openSample(['radiograph']), children: "Open sample radiograph" })] })] }));
}
