import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { Files, FlaskConical, FolderOpen } from 'lucide-react';
import { openFiles, openSample } from '../actions/openStudy';
import { ToolButton } from './ToolButton';
/** Files from a file or folder input; the input is cleared so that the same files can be chosen again. */
function openChosenFiles(event) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    void openFiles(files);
}
/** Opening studies: files, a folder, the sample studies (the head of the study browser). */
export function OpenGroup() {
    return (_jsxs("div", { className: "open-group", role: "group", "aria-label": "Open studies", children: [_jsxs("label", { className: "button tool__button tool__button--text", title: "Open DICOM files (any number)", children: [_jsx(Files, { "aria-hidden": "true", size: 18 }), _jsx("span", { className: "tool__text", children: "Files" }), _jsx("input", { type: "file", multiple: true, "aria-label": "Open DICOM files", "data-testid": "open-files", onChange: openChosenFiles })] }), _jsxs("label", { className: "button tool__button tool__button--text", title: "Open a folder of DICOM files", children: [_jsx(FolderOpen, { "aria-hidden": "true", size: 18 }), _jsx("span", { className: "tool__text", children: "Folder" }), _jsx("input", { 
                        // React has no prop for it: the attribute makes the picker choose a whole folder.
                        ref: (el) => el?.setAttribute('webkitdirectory', ''), type: "file", multiple: true, "aria-label": "Open a folder of DICOM files", "data-testid": "open-folder", onChange: openChosenFiles })] }), _jsx(ToolButton, { testId: "open-sample", icon: FlaskConical, label: "Open sample study", text: "Sample", onClick: () => void openSample(['baseline']) }), _jsxs("select", { "aria-label": "Other sample studies", "data-testid": "open-sample-other", value: "", onChange: (e) => {
                    const key = e.target.value;
                    if (key)
                        void openSample(key === 'all' ? ['baseline', 'post', 'radiograph'] : [key]);
                }, children: [_jsx("option", { value: "", children: "more samples\u2026" }), _jsx("option", { value: "post", children: "post-kyphoplasty CT" }), _jsx("option", { value: "radiograph", children: "lateral radiograph (uncalibrated)" }), _jsx("option", { value: "all", children: "all sample studies" })] })] }));
}
