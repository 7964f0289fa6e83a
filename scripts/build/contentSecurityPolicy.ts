import type { Plugin } from 'vite';

/**
 * The page's Content-Security-Policy directives (CSP Level 3). Scripts and workers come from the app's own origin
 * only; 'wasm-unsafe-eval' lets the image codecs compile their WebAssembly without allowing eval of JavaScript;
 * workers may also start from blob: URLs (bundlers' worker wrappers); images may be data: and blob: URLs (thumbnails,
 * the report's snapshot); React's style attributes need 'unsafe-inline' for styles, never for scripts. Requests go to
 * the app's origin (the sample data, the '/dicom-web' proxy) and to the DICOMweb origins given at build.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  const directives: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", ...connectOrigins]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * The origins of a build-time list of DICOMweb roots (`DICOMWEB_CONNECT_SRC`, separated by spaces or commas), e.g.
 * "https://pacs.example.org/dicom-web" → "https://pacs.example.org". Throws on anything that is not an http(s) URL, so
 * a mistyped deployment setting stops the build instead of silently blocking the PACS.
 */
export function connectOriginsOf(list: string | undefined): string[] {
  const entries = (list ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  return [...new Set(entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`DICOMWEB_CONNECT_SRC: "${entry}" is not a URL (give the DICOMweb root, e.g. https://pacs.example.org/dicom-web)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`DICOMWEB_CONNECT_SRC: "${entry}" is not an http(s) URL`);
    }
    return url.origin;
  }))];
}

/**
 * Puts the policy in the built page as `<meta http-equiv="Content-Security-Policy">`, first in its head, so any static
 * host (or `vite preview`) serves it. Build only: the dev server's hot reload needs inline and eval'd scripts.
 */
export function contentSecurityPolicyPlugin(connectOrigins: readonly string[]): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(connectOrigins) }, injectTo: 'head-prepend' }];
    },
  };
}
