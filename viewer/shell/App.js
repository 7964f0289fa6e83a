import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { compareCommands, foreignAnnotationsCommands, morphometryCommands, pacsCommands, seriesBrowserCommands } from './panelCommands';
import { useCallback, useState } from 'react';
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
export function App() {
    const [dragging, setDragging] = useState(false);
    const [helpOpen, setHelpOpen] = useState(false);
    const [panelOpen, setPanelOpen] = useState(true);
    const [sideMode, setSideMode] = useState('auto');
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
    const onDrop = useCallback(async (event) => {
        event.preventDefault();
        setDragging(false);
        await openFiles(await filesFromDataTransfer(event.dataTransfer));
    }, []);
    const sideToggle = (_jsx(ToolButton, { testId: "side-toggle", icon: sideVisible ? PanelLeftClose : PanelLeftOpen, label: sideVisible ? 'Hide the study browser' : 'Show the study browser', pressed: sideVisible, onClick: () => setSideMode(sideVisible ? 'closed' : 'open') }));
    return (_jsxs("div", { className: `app${dragging ? ' app--dragging' : ''}${measuring ? ' app--measuring' : ''}${comparing ? ' app--comparing' : ''}`, onDragOver: (e) => {
            e.preventDefault();
            setDragging(true);
        }, onDragLeave: () => setDragging(false), onDrop: onDrop, children: [report && _jsx(ReportView, { data: report, onClose: closeReport }), helpOpen && _jsx(ShortcutHelp, { onClose: () => setHelpOpen(false) }), _jsx(Toolbar, { sideToggle: sideToggle, onHelp: () => setHelpOpen((open) => !open), panelOpen: panelOpen, onTogglePanel: () => setPanelOpen((open) => !open) }), status && _jsx("div", { className: "status", role: "alert", "data-testid": "status", children: status }), _jsx(RestoredNotice, {}), _jsx(StudySyncNotices, {}), _jsx(TransferNoticeBar, {}), _jsxs("div", { className: "app__body", children: [_jsxs("aside", { className: `app__side${sideAsDrawer ? ' app__side--drawer' : ''}`, "aria-label": "Studies", hidden: !sideVisible, "data-testid": "study-browser", children: [_jsx(OpenGroup, {}), _jsx(PacsPanel, { commands: pacsCommands }), _jsx(SeriesBrowser, { commands: seriesBrowserCommands, thumbnail: (series) => _jsx(SeriesThumbnail, { series: series }) }), _jsx(ProblemList, {})] }), _jsxs("main", { className: "app__main", children: [hasInstances ? _jsx(ViewportGrid, {}) : _jsx(StartScreen, {}), _jsx(PlacementGuide, {})] }), panelOpen && hasInstances && (_jsx("aside", { className: `app__panel${comparing ? ' app__panel--compare' : ''}`, "aria-label": comparing ? 'Comparison' : 'Morphometry', children: comparing ? (_jsx(ComparePanel, { commands: compareCommands })) : (_jsxs(_Fragment, { children: [_jsx(MorphometryPanel, { commands: morphometryCommands }), _jsx(ForeignAnnotationsPanel, { commands: foreignAnnotationsCommands })] })) }))] }), fileProgress && (_jsx(LoadingBar, { testId: "file-progress", label: fileProgress.label, done: fileProgress.filesRead, total: fileProgress.filesTotal })), !fileProgress && pacsBusy && _jsx(LoadingBar, { testId: "pacs-progress", label: pacsBusy })] }));
}
