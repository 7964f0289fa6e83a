/**
 * Marks a step of the first image's path on the page's performance timeline (`vhv:<step>`, ms since the navigation
 * started), for the peer benchmark's request timeline and DevTools. Each step is marked once: the first time counts.
 */
export function markStartup(step) {
    const name = `vhv:${step}`;
    if (typeof performance === 'undefined' || typeof performance.mark !== 'function')
        return;
    if (performance.getEntriesByName(name, 'mark').length > 0)
        return;
    performance.mark(name);
}
