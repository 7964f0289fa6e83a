import { useEffect } from 'react';
import { choosePrimaryTool, deleteMeasurement, redoMeasurement, undoMeasurement } from '../actions/measure';
import { focusLevel } from '../actions/compare';
import { acceptSelectedProposal, cancelSpineDetection } from '../actions/assist';
import { comparisonOf } from '../model/comparison';
import { cancelPlacement } from '../cornerstone/viewportController';
import { getState } from '../state/store';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}

/** The level last brought into view with [ and ] in compare mode. */
let currentLevelIndex = -1;

/** Steps through the compared levels, bringing each into view in both studies. */
function stepLevel(delta: number): void {
  const { compare, measurements } = getState();
  if (!compare) return;
  const { comparison } = comparisonOf(measurements, compare.timePoints[compare.baselineIndex], compare.timePoints[compare.followUpIndex]);
  const levels = comparison?.levels.map((l) => l.level) ?? [];
  if (levels.length === 0) return;
  currentLevelIndex = Math.max(0, Math.min(levels.length - 1, currentLevelIndex + delta));
  focusLevel(levels[currentLevelIndex]);
}

/**
 * Keys of the height tool: V picks it, Esc cancels a half-placed vertebra (or spine detection), Ctrl+Z/Ctrl+Y undo/redo,
 * Del deletes, A accepts the selected proposed vertebra.
 */
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
      } else if (event.key === '[' || event.key === ']') {
        stepLevel(event.key === ']' ? 1 : -1);
      } else if (event.key === 'Escape') {
        if (!cancelSpineDetection()) cancelPlacement();
      } else if (!ctrl && !event.altKey && event.key.toLowerCase() === 'a') {
        if (acceptSelectedProposal()) event.preventDefault();
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
