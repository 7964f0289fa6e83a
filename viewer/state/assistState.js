export const ASSIST_MODES = ['off', 'snap', 'click'];
export const INITIAL_ASSIST = { mode: 'off', detection: null, pending: 0, notice: null, lastTiming: null };
