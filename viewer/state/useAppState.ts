import { useSyncExternalStore } from 'react';
import { getState, subscribe, type AppState } from './store';

/** React hook: re-renders when the selected part of the state changes (compared with Object.is). */
export function useAppState<T>(selector: (s: AppState) => T): T {
  return useSyncExternalStore(subscribe, () => selector(getState()));
}
