import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { startAutosave } from './app/autosave';

startAutosave();

createRoot(document.getElementById('root')!).render(<App />);
