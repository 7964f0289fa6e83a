import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useLayoutEffect, useRef } from 'react';
import { rememberToolbarHeight } from './entryFrame';
import { Columns2, Contrast, Crosshair, Download, FileText, Hand, Keyboard, PanelRightClose, PanelRightOpen, Redo2, RotateCcw, Ruler, SunMedium, Undo2, ZoomIn, CloudUpload, Upload, FileJson, FileSpreadsheet, FileCode2, } from 'lucide-react';
import { SPINAL_LEVELS } from '../../measurement';
import { choosePrimaryTool, redoMeasurement, setNextLevel, undoMeasurement } from '../actions/measure';
import { enterCompare } from '../actions/compare';
import { openReport } from '../actions/report';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
import { shortcutLabel } from '../model/shortcuts';
import { WINDOW_PRESETS, applyWindowPreset, resetViewports, toggleInvert } from '../cornerstone/viewCommands';
import { exportCsv, exportJson } from '../actions/exportMeasurements';
import { exportSr } from '../actions/exportSr';
import { importMeasurementsFile } from '../actions/importMeasurements';
import { saveToPacs } from '../actions/pacs';
import { AssistControls } from './AssistControls';
import { ToolButton } from './ToolButton';
import { ToolbarMenu } from './ToolbarMenu';
const NO_SERIES = 'open an image series first';
const TOOLS = [
    { id: 'windowLevel', label: 'Window/level: drag with the left button', icon: SunMedium, shortcut: 'toolWindowLevel' },
    { id: 'pan', label: 'Pan: drag (the middle button always pans)', icon: Hand, shortcut: 'toolPan' },
    { id: 'zoom', label: 'Zoom: drag (the right button always zooms)', icon: ZoomIn, shortcut: 'toolZoom' },
    { id: 'crosshairs', label: 'Crosshairs: click a point, the other views move to it', icon: Crosshair, shortcut: 'toolCrosshairs', mprOnly: true },
];
const PRESET_SHORTCUTS = { bone: 'presetBone', soft: 'presetSoft', auto: 'presetAuto' };
const PRESET_TEXT = { bone: 'Bone', soft: 'Soft', auto: 'Auto' };
function Group({ label, children, slot }) {
    return (_jsx("div", { className: "toolbar__group", role: "group", "aria-label": label, "data-toolbar-group": slot ?? label.toLowerCase(), children: children }));
}
export function Toolbar({ onHelp, panelOpen, onTogglePanel, measureExtras, sideToggle }) {
    const header = useRef(null);
    // The entry frame of the next visit lays out the views below a toolbar of this height (entryFrame.ts).
    useLayoutEffect(() => {
        const element = header.current;
        if (element === null)
            return;
        const remember = () => rememberToolbarHeight(window.innerWidth, element.offsetHeight);
        remember();
        const observer = new ResizeObserver(remember);
        observer.observe(element);
        return () => observer.disconnect();
    }, []);
    const plan = useAppState((s) => s.plan);
    const primaryTool = useAppState((s) => s.primaryTool);
    const nextLevel = useAppState((s) => s.nextLevel);
    const levelDirection = useAppState((s) => s.levelDirection);
    const canUndo = useAppState((s) => s.measurements.undoStack.length > 0);
    const canRedo = useAppState((s) => s.measurements.redoStack.length > 0);
    const chooseTool = (tool) => choosePrimaryTool(tool);
    const comparing = useAppState((s) => s.compare !== null);
    const pacsReady = useAppState((s) => s.pacs.config !== null);
    // Offered as soon as two opened studies share a Patient ID (other pairs can still be chosen, with a warning).
    const canCompare = useAppState((s) => s.patients.some((p) => p.studies.filter((st) => st.series.some((x) => x.kind === 'image')).length >= 2)
        || s.patients.flatMap((p) => p.studies).length >= 2);
    const noSeries = plan ? null : NO_SERIES;
    return (_jsxs("header", { className: "toolbar", ref: header, children: [sideToggle, _jsxs(Group, { label: "Navigation", children: [TOOLS.filter((t) => !t.mprOnly || plan?.mode === 'mpr').map((t) => (_jsx(ToolButton, { testId: `tool-${t.id}`, icon: t.icon, label: t.label, shortcut: t.shortcut, pressed: primaryTool === t.id, onClick: () => chooseTool(t.id) }, t.id))), _jsx(ToolButton, { testId: "reset", icon: RotateCcw, label: "Reset the views", shortcut: "reset", disabledReason: noSeries, onClick: () => plan && resetViewports(plan) })] }), _jsxs(Group, { label: "Window presets", slot: "window", children: [WINDOW_PRESETS.map((preset) => (_jsx(ToolButton, { testId: `preset-${preset.id}`, label: `Window: ${preset.label}`, text: PRESET_TEXT[preset.id] ?? preset.label, ...(PRESET_SHORTCUTS[preset.id] ? { shortcut: PRESET_SHORTCUTS[preset.id] } : {}), disabledReason: noSeries, onClick: () => plan && applyWindowPreset(plan, preset) }, preset.id))), _jsx(ToolButton, { testId: "invert", icon: Contrast, label: "Invert the grey scale", shortcut: "invert", disabledReason: noSeries, onClick: () => plan && toggleInvert(plan) })] }), _jsxs(Group, { label: "Measure", children: [_jsx(ToolButton, { testId: "tool-vertebral-height", icon: Ruler, label: "Vertebral height: six points per vertebra", text: "Height", shortcut: "toolVertebralHeight", pressed: primaryTool === 'vertebralHeight', disabledReason: noSeries, onClick: () => chooseTool('vertebralHeight') }), _jsxs("label", { className: "toolbar__level", title: `Level of the next vertebra (${shortcutLabel('chooseLevel')})`, children: ["Level", ' ', _jsx("select", { "data-testid": "level-select", value: nextLevel, onChange: (e) => setNextLevel(e.target.value), children: SPINAL_LEVELS.map((level) => _jsx("option", { value: level, children: level }, level)) })] }), _jsxs("select", { "aria-label": "Next level proposal", title: "Which level is proposed after this one", "data-testid": "level-direction", value: levelDirection, onChange: (e) => setState({ levelDirection: e.target.value }), children: [_jsx("option", { value: "cranial", children: "then up \u2191" }), _jsx("option", { value: "caudal", children: "then down \u2193" })] }), _jsx(AssistControls, {}), _jsx(ToolButton, { testId: "undo", icon: Undo2, label: "Undo", shortcut: "undo", disabledReason: canUndo ? null : 'nothing to undo', onClick: undoMeasurement }), _jsx(ToolButton, { testId: "redo", icon: Redo2, label: "Redo", shortcut: "redo", disabledReason: canRedo ? null : 'nothing to redo', onClick: redoMeasurement }), measureExtras] }), _jsx(Group, { label: "Compare", children: _jsx(ToolButton, { testId: "compare-mode", icon: Columns2, label: "Compare: baseline and follow-up side by side", text: "Compare", pressed: comparing, disabledReason: canCompare ? null : 'open two studies of the patient first', onClick: enterCompare }) }), _jsxs(Group, { label: "Output", children: [_jsx(ToolButton, { testId: "report", icon: FileText, label: "Report: printable page with the table and a snapshot", text: "Report", disabledReason: noSeries, onClick: () => void openReport() }), _jsx(ToolbarMenu, { testId: "output-menu", icon: Download, label: "Export", children: (close) => (_jsxs(_Fragment, { children: [_jsx(ToolButton, { testId: "export-json", icon: FileJson, label: "Export the measurements as JSON", text: "JSON", disabledReason: noSeries, onClick: () => { close(); void exportJson(); } }), _jsx(ToolButton, { testId: "export-csv", icon: FileSpreadsheet, label: "Export the measurements as CSV (one row per vertebra)", text: "CSV", disabledReason: noSeries, onClick: () => { close(); void exportCsv(); } }), _jsx(ToolButton, { testId: "export-sr", icon: FileCode2, label: "Export a DICOM SR measurement report", text: "DICOM SR", disabledReason: noSeries, onClick: () => { close(); void exportSr(); } }), _jsx(ToolButton, { testId: "save-to-pacs", icon: CloudUpload, label: "Save to PACS: store the measurements as a new DICOM SR", text: "Save to PACS", disabledReason: noSeries ?? (pacsReady ? null : 'connect to a PACS first (PACS section on the left)'), onClick: () => { close(); void saveToPacs(); } }), _jsxs("label", { className: "button tool__button tool__button--text", title: "Import measurements from a JSON file or a DICOM SR", children: [_jsx(Upload, { "aria-hidden": "true", size: 18 }), _jsx("span", { className: "tool__text", children: "Import\u2026" }), _jsx("input", { type: "file", accept: ".json,.dcm,application/json,application/dicom", "aria-label": "Import measurements from a JSON file or a DICOM SR", "data-testid": "import-measurements", onChange: (e) => {
                                                const file = e.target.files?.[0];
                                                e.target.value = '';
                                                close();
                                                if (file)
                                                    void importMeasurementsFile(file);
                                            } })] })] })) })] }), _jsxs("div", { className: "toolbar__end", children: [_jsx(ToolButton, { testId: "shortcut-help-toggle", icon: Keyboard, label: "Keyboard shortcuts", shortcut: "help", onClick: onHelp }), _jsx(ToolButton, { testId: "panel-toggle", icon: panelOpen ? PanelRightClose : PanelRightOpen, label: panelOpen ? 'Hide the morphometry panel' : 'Show the morphometry panel', shortcut: "togglePanel", pressed: panelOpen, onClick: onTogglePanel })] })] }));
}
