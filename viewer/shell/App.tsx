import { compareCommands, morphometryCommands, pacsCommands, seriesBrowserCommands } from './panelCommands';
import { useCallback, useState, type DragEvent } from 'react';
import { openFiles } from '../actions/openStudy';
import { filesFromDataTransfer } from '../loading/localFiles';
import { useAppState } from '../state/useAppState';
import { Toolbar } from './Toolbar';
import { SeriesBrowser } from '../panels/SeriesBrowser';
import { ProblemList } from '../panels/ProblemList';
import { ViewportGrid } from './ViewportGrid';
import { StartScreen } from './StartScreen';
import { MorphometryPanel } from '../panels/MorphometryPanel';
import { ComparePanel } from '../panels/ComparePanel';
import { PacsPanel } from '../panels/PacsPanel';
import { useShortcuts } from './useShortcuts';
import { RestoredNotice } from './RestoredNotice';
import { TransferNoticeBar } from './TransferNoticeBar';
import { ReportView } from '../export/report/ReportView';
import { closeReport } from '../actions/report';

export function App() {
  const [dragging, setDragging] = useState(false);
  const hasInstances = useAppState((s) => s.instances.length > 0);
  const fileProgress = useAppState((s) => s.fileProgress);
  const status = useAppState((s) => s.status);
  const report = useAppState((s) => s.report);
  const comparing = useAppState((s) => s.compare !== null);
  useShortcuts();

  const onDrop = useCallback(async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    await openFiles(await filesFromDataTransfer(event.dataTransfer));
  }, []);

  return (
    <div
      className={`app${dragging ? ' app--dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {report && <ReportView data={report} onClose={closeReport} />}
      <Toolbar />
      {fileProgress && (
        <div className="progress" role="status" data-testid="file-progress">
          {fileProgress.label}: {fileProgress.filesRead} / {fileProgress.filesTotal}
          <progress max={fileProgress.filesTotal} value={fileProgress.filesRead} />
        </div>
      )}
      {status && <div className="status" role="alert" data-testid="status">{status}</div>}
      <RestoredNotice />
      <TransferNoticeBar />
      <div className="app__body">
        <aside className="app__side">
          <PacsPanel commands={pacsCommands} />
          <SeriesBrowser commands={seriesBrowserCommands} />
          <ProblemList />
        </aside>
        <main className="app__main">
          {hasInstances ? <ViewportGrid /> : <StartScreen />}
          {comparing ? <ComparePanel commands={compareCommands} /> : <MorphometryPanel commands={morphometryCommands} />}
        </main>
      </div>
    </div>
  );
}
