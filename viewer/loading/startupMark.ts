/** The steps of the first image's path that the page marks (User Timing), in the order they usually come. */
export type StartupStep =
  | 'entry'
  | 'first-frame'
  | 'canvas-warm'
  | 'guessed-frame'
  | 'middle-confirmed'
  | 'middle-doubted'
  | 'series-metadata'
  | 'early-frame'
  | 'entry-codec'
  | 'entry-drawn'
  | 'entry-declined'
  | 'boot-loaded'
  | 'boot-run'
  | 'early-slice'
  | 'early-plan'
  | 'early-drawn'
  | 'engine-ready'
  | 'volume-load'
  | 'frames-arrived'
  | 'volume-loaded';

/**
 * Marks a step of the first image's path on the page's performance timeline (`vhv:<step>`, ms since the navigation
 * started), for the peer benchmark's request timeline and DevTools. Each step is marked once: the first time counts.
 */
export function markStartup(step: StartupStep): void {
  const name = `vhv:${step}`;
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
