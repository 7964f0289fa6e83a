import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { startAutosave } from './actions/autosave';
import { initCornerstone } from './cornerstone/initCornerstone';
import { openFromUrl } from './actions/pacs';
import { closeEntryDrawing } from './cornerstone/entryImage';
import { configFromUrl } from './dicomweb';
import { startFileReadWorker } from './loading/fileBytes';

/** Starts the viewer: autosave, cornerstone, the study named in the address, and the page. */
export function boot(): void {
  startAutosave();
  // Ready before the first file: scripted QA finds window.cornerstone at once, and nothing waits on init later. A
  // study named in the address opens meanwhile (its metadata registered once the loader is ready).
  void initCornerstone();
  void openFromUrl(window.location.search);
  // A page without a study in its address waits for files: the worker that will read them is started now.
  if (configFromUrl(window.location.search) === null) startFileReadWorker();
  // From here the shell draws the first image; one the entry chunk drew moves into the shell's axial view.
  closeEntryDrawing();
  createRoot(document.getElementById('root')!).render(<App />);
}
