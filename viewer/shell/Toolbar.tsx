import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { rememberToolbarHeight } from './entryFrame';
import {
  Columns2, Contrast, Crosshair, Download, FileText, Hand, Keyboard, PanelRightClose,
  PanelRightOpen, Redo2, RotateCcw, Ruler, SunMedium, Undo2, ZoomIn, CloudUpload, Upload, FileJson, FileSpreadsheet, FileCode2,
} from 'lucide-react';
import { SPINAL_LEVELS, type SpinalLevel } from '../../measurement';
import { choosePrimaryTool, redoMeasurement, setNextLevel, undoMeasurement } from '../actions/measure';
import { enterCompare } from '../actions/compare';
import { openReport } from '../actions/report';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
import type { PrimaryTool } from '../state/primaryTool';
import type { ShortcutId } from '../model/shortcuts';
import { shortcutLabel } from '../model/shortcuts';
import { WINDOW_PRESETS, applyWindowPreset, resetViewports, toggleInvert } from '../cornerstone/viewCommands';
import { exportCsv, exportJson } from '../actions/exportMeasurements';
import { exportSr } from '../actions/exportSr';
import { importMeasurementsFile } from '../actions/importMeasurements';
import { saveToPacs } from '../actions/pacs';
import { AssistControls } from './AssistControls';
import { ToolButton, type ToolButtonProps } from './ToolButton';
import { ToolbarMenu } from './ToolbarMenu';

const NO_SERIES = 'open an image series first';

const TOOLS: ReadonlyArray<{ id: PrimaryTool; label: string; icon: ToolButtonProps['icon']; shortcut: ShortcutId; mprOnly?: boolean }> = [
  { id: 'windowLevel', label: 'Window/level: drag with the left button', icon: SunMedium, shortcut: 'toolWindowLevel' },
  { id: 'pan', label: 'Pan: drag (the middle button always pans)', icon: Hand, shortcut: 'toolPan' },
  { id: 'zoom', label: 'Zoom: drag (the right button always zooms)', icon: ZoomIn, shortcut: 'toolZoom' },
  { id: 'crosshairs', label: 'Crosshairs: click a point, the other views move to it', icon: Crosshair, shortcut: 'toolCrosshairs', mprOnly: true },
];

const PRESET_SHORTCUTS: Readonly<Record<string, ShortcutId>> = { bone: 'presetBone', soft: 'presetSoft', auto: 'presetAuto' };
const PRESET_TEXT: Readonly<Record<string, string>> = { bone: 'Bone', soft: 'Soft', auto: 'Auto' };

function Group({ label, children, slot }: { label: string; children: ReactNode; slot?: string }) {
  return (
    <div className="toolbar__group" role="group" aria-label={label} data-toolbar-group={slot ?? label.toLowerCase()}>
      {children}
    </div>
  );
}

export interface ToolbarProps {
  onHelp: () => void;
  panelOpen: boolean;
  onTogglePanel: () => void;
  /** Extra controls of the measure group (assisted measurement, issue 12), after the height tool's own. */
  measureExtras?: ReactNode;
  /** The button that shows the study browser (first in the strip). */
  sideToggle: ReactNode;
}

export function Toolbar({ onHelp, panelOpen, onTogglePanel, measureExtras, sideToggle }: ToolbarProps) {
  const header = useRef<HTMLElement>(null);
  // The entry frame of the next visit lays out the views below a toolbar of this height (entryFrame.ts).
  useLayoutEffect(() => {
    const element = header.current;
    if (element === null) return;
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
  const chooseTool = (tool: PrimaryTool) => choosePrimaryTool(tool);
  const comparing = useAppState((s) => s.compare !== null);
  const pacsReady = useAppState((s) => s.pacs.config !== null);
  // Offered as soon as two opened studies share a Patient ID (other pairs can still be chosen, with a warning).
  const canCompare = useAppState((s) => s.patients.some((p) => p.studies.filter((st) => st.series.some((x) => x.kind === 'image')).length >= 2)
    || s.patients.flatMap((p) => p.studies).length >= 2);
  const noSeries = plan ? null : NO_SERIES;

  return (
    <header className="toolbar" ref={header}>
      {sideToggle}
      <Group label="Navigation">
        {TOOLS.filter((t) => !t.mprOnly || plan?.mode === 'mpr').map((t) => (
          <ToolButton
            key={t.id}
            testId={`tool-${t.id}`}
            icon={t.icon}
            label={t.label}
            shortcut={t.shortcut}
            pressed={primaryTool === t.id}
            onClick={() => chooseTool(t.id)}
          />
        ))}
        <ToolButton testId="reset" icon={RotateCcw} label="Reset the views" shortcut="reset" disabledReason={noSeries} onClick={() => plan && resetViewports(plan)} />
      </Group>
      <Group label="Window presets" slot="window">
        {WINDOW_PRESETS.map((preset) => (
          <ToolButton
            key={preset.id}
            testId={`preset-${preset.id}`}
            label={`Window: ${preset.label}`}
            text={PRESET_TEXT[preset.id] ?? preset.label}
            {...(PRESET_SHORTCUTS[preset.id] ? { shortcut: PRESET_SHORTCUTS[preset.id] } : {})}
            disabledReason={noSeries}
            onClick={() => plan && applyWindowPreset(plan, preset)}
          />
        ))}
        <ToolButton testId="invert" icon={Contrast} label="Invert the grey scale" shortcut="invert" disabledReason={noSeries} onClick={() => plan && toggleInvert(plan)} />
      </Group>
      <Group label="Measure">
        <ToolButton
          testId="tool-vertebral-height"
          icon={Ruler}
          label="Vertebral height: six points per vertebra"
          text="Height"
          shortcut="toolVertebralHeight"
          pressed={primaryTool === 'vertebralHeight'}
          disabledReason={noSeries}
          onClick={() => chooseTool('vertebralHeight')}
        />
        <label className="toolbar__level" title={`Level of the next vertebra (${shortcutLabel('chooseLevel')})`}>
          Level{' '}
          <select data-testid="level-select" value={nextLevel} onChange={(e) => setNextLevel(e.target.value as SpinalLevel)}>
            {SPINAL_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
          </select>
        </label>
        <select
          aria-label="Next level proposal"
          title="Which level is proposed after this one"
          data-testid="level-direction"
          value={levelDirection}
          onChange={(e) => setState({ levelDirection: e.target.value as 'cranial' | 'caudal' })}
        >
          <option value="cranial">then up ↑</option>
          <option value="caudal">then down ↓</option>
        </select>
        <AssistControls />
        <ToolButton testId="undo" icon={Undo2} label="Undo" shortcut="undo" disabledReason={canUndo ? null : 'nothing to undo'} onClick={undoMeasurement} />
        <ToolButton testId="redo" icon={Redo2} label="Redo" shortcut="redo" disabledReason={canRedo ? null : 'nothing to redo'} onClick={redoMeasurement} />
        {measureExtras}
      </Group>
      <Group label="Compare">
        <ToolButton
          testId="compare-mode"
          icon={Columns2}
          label="Compare: baseline and follow-up side by side"
          text="Compare"
          pressed={comparing}
          disabledReason={canCompare ? null : 'open two studies of the patient first'}
          onClick={enterCompare}
        />
      </Group>
      <Group label="Output">
        <ToolButton testId="report" icon={FileText} label="Report: printable page with the table and a snapshot" text="Report" disabledReason={noSeries} onClick={() => void openReport()} />
        <ToolbarMenu testId="output-menu" icon={Download} label="Export">
          {(close) => (
            <>
              <ToolButton testId="export-json" icon={FileJson} label="Export the measurements as JSON" text="JSON" disabledReason={noSeries} onClick={() => { close(); void exportJson(); }} />
              <ToolButton testId="export-csv" icon={FileSpreadsheet} label="Export the measurements as CSV (one row per vertebra)" text="CSV" disabledReason={noSeries} onClick={() => { close(); void exportCsv(); }} />
              <ToolButton testId="export-sr" icon={FileCode2} label="Export a DICOM SR measurement report" text="DICOM SR" disabledReason={noSeries} onClick={() => { close(); void exportSr(); }} />
              <ToolButton
                testId="save-to-pacs"
                icon={CloudUpload}
                label="Save to PACS: store the measurements as a new DICOM SR"
                text="Save to PACS"
                disabledReason={noSeries ?? (pacsReady ? null : 'connect to a PACS first (PACS section on the left)')}
                onClick={() => { close(); void saveToPacs(); }}
              />
              <label className="button tool__button tool__button--text" title="Import measurements from a JSON file or a DICOM SR">
                <Upload aria-hidden="true" size={18} />
                <span className="tool__text">Import…</span>
                <input
                  type="file"
                  accept=".json,.dcm,application/json,application/dicom"
                  aria-label="Import measurements from a JSON file or a DICOM SR"
                  data-testid="import-measurements"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    close();
                    if (file) void importMeasurementsFile(file);
                  }}
                />
              </label>
            </>
          )}
        </ToolbarMenu>
      </Group>
      <div className="toolbar__end">
        <ToolButton testId="shortcut-help-toggle" icon={Keyboard} label="Keyboard shortcuts" shortcut="help" onClick={onHelp} />
        <ToolButton
          testId="panel-toggle"
          icon={panelOpen ? PanelRightClose : PanelRightOpen}
          label={panelOpen ? 'Hide the morphometry panel' : 'Show the morphometry panel'}
          shortcut="togglePanel"
          pressed={panelOpen}
          onClick={onTogglePanel}
        />
      </div>
    </header>
  );
}
