import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { startAutosave } from './app/autosave';
import { initCornerstone } from './cornerstone/initCornerstone';
import { openFromUrl } from './app/pacs';

startAutosave();
// Ready before the first file: scripted QA finds window.cornerstone at once, and nothing waits on init later.
void initCornerstone().then(() => openFromUrl(window.location.search));

createRoot(document.getElementById('root')!).render(<App />);
