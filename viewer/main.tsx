import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import './shell/app.css';
import { startAutosave } from './actions/autosave';
import { initCornerstone } from './cornerstone/initCornerstone';
import { openFromUrl } from './actions/pacs';

startAutosave();
// Ready before the first file: scripted QA finds window.cornerstone at once, and nothing waits on init later.
void initCornerstone().then(() => openFromUrl(window.location.search));

createRoot(document.getElementById('root')!).render(<App />);
