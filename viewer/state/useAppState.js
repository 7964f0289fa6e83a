import { useSyncExternalStore } from 'react';
import { getState, subscribe } from './store';
/** React hook: re-renders when the selected part of the state changes (compared with Object.is). */
export function useAppState(selector) {
    return useSyncExternalStore(subscribe, () => selector(getState()));
}
