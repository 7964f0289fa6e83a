import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded; everything else
 * (Content-Type with its multipart boundary, Accept with its transfer-syntax, Authorization, Content-Length…) is.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** Forwards a request under `mountPath` to the same sub-path under `target`, streaming bodies both ways. */
export type ProxyHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A reverse proxy for one DICOMweb root: `<mountPath>/rest` → `<target>/rest`, any method (GET for QIDO/WADO, POST for
 * STOW, DELETE…). The browser's Host header is kept, so a server that builds BulkDataURIs from it (Orthanc without
 * "Host" in its DicomWeb config) returns URLs on the proxy's origin; that only resolves when `target`'s path equals
 * `mountPath` (Orthanc's `/dicom-web`). Connections to the target are kept alive and not limited in number.
 */
export function createDicomWebProxy(mountPath: string, target: string): ProxyHandler {
  const targetUrl = new URL(target);
  if (targetUrl.protocol !== 'http:') throw new Error(`createDicomWebProxy: only http:// targets are supported, not ${target}`);
  const targetBase = targetUrl.pathname.replace(/\/+$/, '');
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  return (req, res) => {
    const incoming = req.url ?? '/';
    const rest = incoming.slice(mountPath.length); // '' | '/…' | '?…'
    const path = `${targetBase}${rest.startsWith('/') || rest.startsWith('?') || rest === '' ? rest : `/${rest}`}` || '/';
    const upstream = request(
      { agent, host: targetUrl.hostname, port: targetUrl.port || 80, method: req.method, path, headers: forwardable(req.headers) },
      (upstreamRes: IncomingMessage) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, forwardable(upstreamRes.headers));
        upstreamRes.pipe(res);
        upstreamRes.once('error', () => res.destroy());
      },
    );
    upstream.once('error', (error: Error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`DICOMweb proxy: ${target} did not answer ${req.method ?? 'GET'} ${path}: ${error.message}`);
    });
    // The browser went away mid-transfer (navigation, closed page): stop asking the server for more.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    kept[name] = value;
  }
  return kept;
}
