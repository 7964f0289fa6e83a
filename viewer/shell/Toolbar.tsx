import type { ChangeEvent } from 'react';
import { SPINAL_LEVELS, type SpinalLevel } from '../../measurement';
import { choosePrimaryTool, redoMeasurement, setNextLevel, undoMeasurement } from '../actions/measure';
import { enterCompare } from '../actions/compare';
import { openFiles, openSample } from '../actions/openStudy';
import { openReport } from '../actions/report';
import { setState } from '../state/store';
import { useAppState } from '../state/useAppState';
import type { PrimaryTool } from '../state/primaryTool';
import { WINDOW_PRESETS, applyWindowPreset, resetViewports, toggleInvert } from '../cornerstone/viewportController';
import { placementGuide } from '../tools/placement';
import { exportCsv, exportJson } from '../actions/exportMeasurements';
import { exportSr } from '../actions/exportSr';
import { importMeasurementsFile } from '../actions/importMeasurements';
import { saveToPacs } from '../actions/pacs';
import { AssistControls } from './AssistControls';

const TOOLS: ReadonlyArray<{ id: PrimaryTool; label: string; title: string; mprOnly?: boolean }> = [
  { id: 'windowLevel', label: 'W/L', title: 'Window/level: drag with the left button' },
  { id: 'pan', label: 'Pan', title: 'Pan: drag (middle button always pans)' },
  { id: 'zoom', label: 'Zoom', title: 'Zoom: drag (right button always zooms)' },
  { id: 'crosshairs', label: 'Crosshairs', title: 'Click a point: the other views move to it', mprOnly: true },
];

/** Files from a file or folder input; the input is cleared so that the same files can be chosen again. */
function openChosenFiles(event: ChangeEvent<HTMLInputElement>): void {
  const files = [...(event.target.files ?? [])];
  event.target.value = '';
  void openFiles(files);
}

export function Toolbar() {
  const plan = useAppState((s) => s.plan);
  const primaryTool = useAppState((s) => s.primaryTool);
  const nextLevel = useAppState((s) => s.nextLevel);
  const levelDirection = useAppState((s) => s.levelDirection);
  const placementCount = useAppState((s) => s.placementCount);
  const canUndo = useAppState((s) => s.measurements.undoStack.length > 0);
  const canRedo = useAppState((s) => s.measurements.redoStack.length > 0);
  const chooseTool = (tool: PrimaryTool) => choosePrimaryTool(tool);
  const comparing = useAppState((s) => s.compare !== null);
  const pacsReady = useAppState((s) => s.pacs.config !== null);
  // Offered as soon as two opened studies share a Patient ID (other pairs can still be chosen, with a warning).
  const canCompare = useAppState((s) => s.patients.some((p) => p.studies.filter((st) => st.series.some((x) => x.kind === 'image')).length >= 2)
    || s.patients.flatMap((p) => p.studies).length >= 2);

  return (
    <header className="toolbar">
      <label className="button">
        Open files
        <input
          type="file"
          multiple
          data-testid="open-files"
          onChange={openChosenFiles}
        />
      </label>
      <label className="button">
        Open folder
        <input
          // React has no prop for it: the attribute makes the picker choose a whole folder.
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          type="file"
          multiple
          data-testid="open-folder"
          onChange={openChosenFiles}
        />
      </label>
      <button type="button" data-testid="open-sample" onClick={() => void openSample(['baseline'])}>
        Open sample study
      </button>
      <select
        aria-label="Other sample studies"
        data-testid="open-sample-other"
        value=""
        onChange={(e) => {
          const key = e.target.value;
          if (key) void openSample(key === 'all' ? ['baseline', 'post', 'radiograph'] : [key]);
        }}
      >
        <option value="">more samples…</option>
        <option value="post">post-kyphoplasty CT</option>
        <option value="radiograph">lateral radiograph (uncalibrated)</option>
        <option value="all">all sample studies</option>
      </select>
      <span className="toolbar__sep" />
      {TOOLS.filter((t) => !t.mprOnly || plan?.mode === 'mpr').map((t) => (
        <button
          key={t.id}
          type="button"
          title={t.title}
          data-testid={`tool-${t.id}`}
          aria-pressed={primaryTool === t.id}
          onClick={() => chooseTool(t.id)}
        >
          {t.label}
        </button>
      ))}
      <span className="toolbar__sep" />
      <button
        type="button"
        title="Vertebral height: six points per vertebra (V)"
        data-testid="tool-vertebral-height"
        aria-pressed={primaryTool === 'vertebralHeight'}
        disabled={!plan}
        onClick={() => chooseTool('vertebralHeight')}
      >
        Vertebral height
      </button>
      <label className="toolbar__level">
        Level{' '}
        <select data-testid="level-select" value={nextLevel} onChange={(e) => setNextLevel(e.target.value as SpinalLevel)}>
          {SPINAL_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
        </select>
      </label>
      <select
        aria-label="Next level proposal"
        data-testid="level-direction"
        value={levelDirection}
        onChange={(e) => setState({ levelDirection: e.target.value as 'cranial' | 'caudal' })}
      >
        <option value="cranial">then up ↑</option>
        <option value="caudal">then down ↓</option>
      </select>
      <AssistControls />
      <button type="button" data-testid="undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={undoMeasurement}>Undo</button>
      <button type="button" data-testid="redo" title="Redo (Ctrl+Y)" disabled={!canRedo} onClick={redoMeasurement}>Redo</button>
      {primaryTool === 'vertebralHeight' && (
        <span className="toolbar__guide" data-testid="placement-guide" data-placed={placementCount}>
          {nextLevel}: {placementGuide(placementCount)}
        </span>
      )}
      <span className="toolbar__sep" />
      {WINDOW_PRESETS.map((preset) => (
        <button key={preset.id} type="button" data-testid={`preset-${preset.id}`} disabled={!plan} onClick={() => plan && applyWindowPreset(plan, preset)}>
          {preset.label}
        </button>
      ))}
      <button type="button" data-testid="invert" disabled={!plan} onClick={() => plan && toggleInvert(plan)}>Invert</button>
      <button type="button" data-testid="reset" disabled={!plan} onClick={() => plan && resetViewports(plan)}>Reset</button>
      <span className="toolbar__sep" />
      <button type="button" data-testid="compare-mode" aria-pressed={comparing} disabled={!canCompare} title="Baseline and follow-up side by side" onClick={enterCompare}>
        Compare
      </button>
      <button type="button" data-testid="report" disabled={!plan} onClick={() => void openReport()}>Report</button>
      <button type="button" data-testid="export-json" disabled={!plan} onClick={() => void exportJson()}>Export JSON</button>
      <button type="button" data-testid="export-csv" disabled={!plan} onClick={() => void exportCsv()}>Export CSV</button>
      <button type="button" data-testid="export-sr" disabled={!plan} onClick={() => void exportSr()}>Export DICOM SR</button>
      <button type="button" data-testid="save-to-pacs" disabled={!plan || !pacsReady} title="Store the measurements in the PACS as a new DICOM SR" onClick={() => void saveToPacs()}>
        Save to PACS
      </button>
      <label className="button" title="Import measurements from a JSON file or a DICOM SR">
        Import…
        <input
          type="file"
          accept=".json,.dcm,application/json,application/dicom"
          data-testid="import-measurements"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importMeasurementsFile(file);
          }}
        />
      </label>
    </header>
  );
}
