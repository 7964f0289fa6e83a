import { useRef } from 'react';
import { openFiles, openSample } from './actions';
import { setState, useAppState, type PrimaryTool } from './store';
import { WINDOW_PRESETS, applyWindowPreset, resetViewports, setPrimaryTool, toggleInvert } from '../cornerstone/viewportController';

const TOOLS: ReadonlyArray<{ id: PrimaryTool; label: string; title: string; mprOnly?: boolean }> = [
  { id: 'windowLevel', label: 'W/L', title: 'Window/level: drag with the left button' },
  { id: 'pan', label: 'Pan', title: 'Pan: drag (middle button always pans)' },
  { id: 'zoom', label: 'Zoom', title: 'Zoom: drag (right button always zooms)' },
  { id: 'crosshairs', label: 'Crosshairs', title: 'Click a point: the other views move to it', mprOnly: true },
];

export function Toolbar() {
  const folderInput = useRef<HTMLInputElement>(null);
  const plan = useAppState((s) => s.plan);
  const primaryTool = useAppState((s) => s.primaryTool);

  const chooseTool = (tool: PrimaryTool) => {
    setState({ primaryTool: tool });
    setPrimaryTool(tool, plan?.mode === 'mpr');
  };

  return (
    <header className="toolbar">
      <label className="button">
        Open files
        <input
          type="file"
          multiple
          data-testid="open-files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void openFiles(files);
          }}
        />
      </label>
      <label className="button">
        Open folder
        <input
          ref={(el) => {
            folderInput.current = el;
            el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple
          data-testid="open-folder"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void openFiles(files);
          }}
        />
      </label>
      <button type="button" data-testid="open-sample" onClick={() => void openSample(['baseline'])}>
        Open sample study
      </button>
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
      {WINDOW_PRESETS.map((preset) => (
        <button key={preset.id} type="button" data-testid={`preset-${preset.id}`} disabled={!plan} onClick={() => plan && applyWindowPreset(plan, preset)}>
          {preset.label}
        </button>
      ))}
      <button type="button" data-testid="invert" disabled={!plan} onClick={() => plan && toggleInvert(plan)}>Invert</button>
      <button type="button" data-testid="reset" disabled={!plan} onClick={() => plan && resetViewports(plan)}>Reset</button>
    </header>
  );
}
