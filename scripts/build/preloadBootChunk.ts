import type { Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` for the chunk the entry script imports dynamically as `boot` (the viewer's code:
 * cornerstone, React, the panels) to the built page, so the browser fetches it alongside the small entry script
 * instead of once the entry script has arrived and run. The entry stays small so that a study named in the address is
 * searched at once; the 5.4 MB chunk is what the first image waits for once the study's middle slice is known early
 * (README, issue 16, seventh round).
 */
export function preloadBootChunkPlugin(chunkName = 'boot'): Plugin {
  let base = '/';
  return {
    name: 'preload-boot-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.isDynamicEntry && output.name === chunkName);
        if (chunk === undefined) return [];
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}
