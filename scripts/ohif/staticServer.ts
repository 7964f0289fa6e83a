import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createDicomWebProxy } from './dicomWebProxy';
import { mimeTypeFor } from './mimeTypes';

/** Where the same-origin DICOMweb proxy is mounted, as in the app's Vite config and OHIF's config. */
export const DICOMWEB_MOUNT = '/dicom-web';

/** A response generated in memory instead of read from the folder (e.g. OHIF's `/app-config.js`). */
export interface GeneratedFile {
  readonly contentType: string;
  /** Called per request, so the body may depend on the request (its Host, for instance). */
  readonly body: (req: IncomingMessage) => string;
}

export interface StaticServerOptions {
  /** The folder served at `/` (a production build: index.html and its assets). */
  readonly rootDir: string;
  /** DICOMweb root that `/dicom-web` is proxied to, e.g. `http://127.0.0.1:8042/dicom-web`; no proxy when absent. */
  readonly dicomWebTarget?: string;
  /** Request paths answered from memory, e.g. `{ '/app-config.js': … }`. */
  readonly generated?: Readonly<Record<string, GeneratedFile>>;
  /**
   * Send `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` so the page is
   * cross-origin isolated (SharedArrayBuffer available), as OHIF's deployment guide recommends. Default false.
   */
  readonly crossOriginIsolation?: boolean;
  /**
   * Give files an ETag (size and modification time) and answer a matching If-None-Match with 304, so a second page of
   * the same browser context revalidates the 50 MB of bundles instead of downloading them again. Default false: every
   * load is a cold load (what a load-time benchmark wants).
   */
  readonly revalidate?: boolean;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

export interface RunningStaticServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Closes the server and every open connection. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A small static server for a single-page app's production build: files from `rootDir` with correct content types,
 * unknown page paths answered with index.html (client-side routing), `/dicom-web/*` proxied to `dicomWebTarget`.
 * No compression and no caching headers: every fresh browser profile transfers every byte.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<RunningStaticServer> {
  const rootDir = resolve(options.rootDir);
  const indexFile = join(rootDir, 'index.html');
  if (!isFile(indexFile)) throw new Error(`startStaticServer: ${rootDir} has no index.html (not a production build?)`);
  const proxy = options.dicomWebTarget === undefined ? null : createDicomWebProxy(DICOMWEB_MOUNT, options.dicomWebTarget);
  const revalidate = options.revalidate ?? false;
  const generated = options.generated ?? {};
  const isolationHeaders: Record<string, string> = options.crossOriginIsolation
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' }
    : {};

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (proxy !== null && (rawPath === DICOMWEB_MOUNT || rawPath.startsWith(`${DICOMWEB_MOUNT}/`))) {
      proxy(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method ?? '?'} is not allowed here`, { Allow: 'GET, HEAD' });
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      sendText(res, 400, `malformed path ${rawPath}`);
      return;
    }
    const generatedFile = generated[path];
    if (generatedFile !== undefined) {
      const body = Buffer.from(generatedFile.body(req), 'utf8');
      res.writeHead(200, { ...isolationHeaders, 'Content-Type': generatedFile.contentType, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const file = normalize(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      sendText(res, 403, 'outside the served folder');
      return;
    }
    if (isFile(file)) {
      sendFile(req, res, file, isolationHeaders, revalidate);
    } else if (isFile(join(file, 'index.html'))) {
      sendFile(req, res, join(file, 'index.html'), isolationHeaders, revalidate);
    } else if (isPageRoute(req, path)) {
      sendFile(req, res, indexFile, isolationHeaders, revalidate);
    } else {
      sendText(res, 404, `not found: ${path}`);
    }
  };

  const server = createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ready();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    stop: () => {
      stopping ??= new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}

/**
 * A path the app's router owns: the browser asks for a page (Accept: text/html), or the last segment has no file
 * extension (`/viewer`, `/viewer/dicomweb`). A missing `/x.js` or `/x.wasm` stays a 404 so broken builds show.
 */
function isPageRoute(req: IncomingMessage, path: string): boolean {
  const accept = req.headers.accept ?? '';
  if (accept.includes('text/html')) return true;
  const lastSegment = path.split('/').pop() ?? '';
  return extname(lastSegment) === '';
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, extraHeaders: Record<string, string>, revalidate: boolean): void {
  const stats = statSync(file);
  const size = stats.size;
  const etag = `"${size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const validators: Record<string, string> = revalidate ? { ETag: etag } : {};
  if (revalidate && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...extraHeaders, ...validators, 'Cache-Control': 'no-cache' });
    res.end();
    return;
  }
  res.writeHead(200, { ...extraHeaders, ...validators, 'Content-Type': mimeTypeFor(file), 'Content-Length': size, 'Cache-Control': 'no-cache' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.once('error', (error) => res.destroy(error));
  stream.pipe(res);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
