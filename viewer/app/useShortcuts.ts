import { useEffect } from 'react';
import { choosePrimaryTool, deleteMeasurement, redoMeasurement, undoMeasurement } from './actions';
import { cancelPlacement } from '../cornerstone/viewportController';
import { getState } from './store';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}

/** Keys of the height tool: V picks it, Esc cancels a half-placed vertebra, Ctrl+Z/Ctrl+Y undo/redo, Del deletes. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && event.key.toLowerCase() === 'z' && !event.shiftKey) {
        event.preventDefault();
        undoMeasurement();
      } else if (ctrl && (event.key.toLowerCase() === 'y' || (event.key.toLowerCase() === 'z' && event.shiftKey))) {
        event.preventDefault();
        redoMeasurement();
      } else if (event.key === 'Escape') {
        cancelPlacement();
      } else if (!ctrl && event.key.toLowerCase() === 'v' && getState().plan) {
        choosePrimaryTool('vertebralHeight');
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        const id = getState().selectedMeasurementId;
        if (id) {
          event.preventDefault();
          deleteMeasurement(id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
