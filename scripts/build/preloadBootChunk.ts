import type { Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` for the chunk the entry script imports dynamically as `boot` (the viewer's code:
 * cornerstone, React, the panels) and for the chunks it imports, and a style preload for its stylesheet, to the built
 * page, so the browser fetches them alongside the small entry script instead of once the entry script has run. The entry stays small so that a study named in the address is
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
        if (chunk === undefined || chunk.type !== 'chunk') return [];
        // The chunk itself and what it imports statically (a modulepreload fetches one module, not its imports), and
        // its stylesheet: the entry starts evaluating the chunk only once its early requests are out (viewer/main.tsx),
        // and then nothing of it should still have to cross the network.
        const bundle = context.bundle ?? {};
        const isEntry = (fileName: string) => {
          const output = bundle[fileName];
          return output?.type === 'chunk' && output.isEntry;
        };
        const modules = [chunk.fileName, ...chunk.imports.filter((fileName) => !isEntry(fileName))];
        const styles = [...(chunk.viteMetadata?.importedCss ?? [])];
        return [
          ...modules.map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` }, injectTo: 'head' as const })),
          ...styles.map((fileName) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', href: `${base}${fileName}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}
