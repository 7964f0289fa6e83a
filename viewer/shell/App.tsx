import { compareCommands, foreignAnnotationsCommands, morphometryCommands, pacsCommands, seriesBrowserCommands } from './panelCommands';
import { useCallback, useState, type DragEvent } from 'react';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
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
import { ForeignAnnotationsPanel } from '../panels/ForeignAnnotationsPanel';
import { useShortcuts } from './useShortcuts';
import { RestoredNotice } from './RestoredNotice';
import { StudySyncNotices } from './StudySyncNotices';
import { TransferNoticeBar } from './TransferNoticeBar';
import { ReportView } from '../export/report/ReportView';
import { closeReport } from '../actions/report';
import { ShortcutHelp } from './ShortcutHelp';
import { OpenGroup } from './OpenGroup';
import { PlacementGuide } from './PlacementGuide';
import { LoadingBar } from './LoadingBar';
import { ToolButton } from './ToolButton';
import { SeriesThumbnail } from './SeriesThumbnail';

/** 'auto': the study browser is a column, except while measuring, when it becomes a drawer over the views. */
type SideMode = 'auto' | 'open' | 'closed';

export function App() {
  const [dragging, setDragging] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [panelOpen, setPanelOpen] = useState(true);
  const [sideMode, setSideMode] = useState<SideMode>('auto');
  // An early view (the first slice of a study opened by its address) is laid out as its loaded series will be.
  const hasInstances = useAppState((s) => s.instances.length > 0 || s.earlyView !== null);
  const hasPlan = useAppState((s) => s.plan !== null);
  const fileProgress = useAppState((s) => s.fileProgress);
  const pacsBusy = useAppState((s) => s.pacs.busy);
  const status = useAppState((s) => s.status);
  const report = useAppState((s) => s.report);
  const comparing = useAppState((s) => s.compare !== null);
  const measuring = useAppState((s) => s.plan !== null && s.primaryTool === 'vertebralHeight' && s.compare === null);
  // While measuring (or comparing) the views take the room; the study browser slides over them when asked for.
  const sideAsDrawer = hasPlan && (measuring || comparing);
  const sideVisible = sideMode === 'open' || (sideMode === 'auto' && !sideAsDrawer);
  // The drawer closes once a series is chosen from it (it was opened to choose one, and would cover the view that shows
  // it): on a change of the series shown, not when measuring starts or stops.
  const shownSeriesKey = useAppState((s) => s.plan?.seriesKey ?? null);
  const [seriesKeySeen, setSeriesKeySeen] = useState(shownSeriesKey);
  if (shownSeriesKey !== seriesKeySeen) {
    setSeriesKeySeen(shownSeriesKey);
    if (sideAsDrawer && sideMode === 'open') setSideMode('auto');
  }
  useShortcuts({
    toggleHelp: () => setHelpOpen((open) => !open),
    closeOverlay: () => {
      if (helpOpen) {
        setHelpOpen(false);
        return true;
      }
      if (sideAsDrawer && sideVisible) {
        setSideMode('closed');
        return true;
      }
      return false;
    },
    togglePanel: () => setPanelOpen((open) => !open),
  });

  const onDrop = useCallback(async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    await openFiles(await filesFromDataTransfer(event.dataTransfer));
  }, []);

  const sideToggle = (
    <ToolButton
      testId="side-toggle"
      icon={sideVisible ? PanelLeftClose : PanelLeftOpen}
      label={sideVisible ? 'Hide the study browser' : 'Show the study browser'}
      pressed={sideVisible}
      onClick={() => setSideMode(sideVisible ? 'closed' : 'open')}
    />
  );

  return (
    <div
      className={`app${dragging ? ' app--dragging' : ''}${measuring ? ' app--measuring' : ''}${comparing ? ' app--comparing' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {report && <ReportView data={report} onClose={closeReport} />}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
      <Toolbar
        sideToggle={sideToggle}
        onHelp={() => setHelpOpen((open) => !open)}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((open) => !open)}
      />
      {status && <div className="status" role="alert" data-testid="status">{status}</div>}
      <RestoredNotice />
      <StudySyncNotices />
      <TransferNoticeBar />
      <div className="app__body">
        <aside
          className={`app__side${sideAsDrawer ? ' app__side--drawer' : ''}`}
          aria-label="Studies"
          hidden={!sideVisible}
          data-testid="study-browser"
        >
          <OpenGroup />
          <PacsPanel commands={pacsCommands} />
          <SeriesBrowser commands={seriesBrowserCommands} thumbnail={(series) => <SeriesThumbnail series={series} />} />
          <ProblemList />
        </aside>
        <main className="app__main">
          {hasInstances ? <ViewportGrid /> : <StartScreen />}
          <PlacementGuide />
        </main>
        {panelOpen && hasInstances && (
          <aside className={`app__panel${comparing ? ' app__panel--compare' : ''}`} aria-label={comparing ? 'Comparison' : 'Morphometry'}>
            {comparing ? (
              <ComparePanel commands={compareCommands} />
            ) : (
              <>
                <MorphometryPanel commands={morphometryCommands} />
                {/* Beside the vertebrae, where a reader measuring looks (the study browser hides while measuring). */}
                <ForeignAnnotationsPanel commands={foreignAnnotationsCommands} />
              </>
            )}
          </aside>
        )}
      </div>
      {fileProgress && (
        <LoadingBar testId="file-progress" label={fileProgress.label} done={fileProgress.filesRead} total={fileProgress.filesTotal} />
      )}
      {!fileProgress && pacsBusy && <LoadingBar testId="pacs-progress" label={pacsBusy} />}
    </div>
  );
}
