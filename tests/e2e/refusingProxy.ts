import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Requests whose path contains `pathPart` (or, when given, matches `pathPattern`) are answered with `status`. */
export interface Refusal {
  pathPart: string;
  pathPattern?: RegExp;
  status: number;
}

/** A loopback proxy in front of the viewer's server that refuses some kinds of request. */
export interface RefusingProxy {
  /** The proxy's address: the page opened here gets the viewer, and its `/dicom-web` requests, through the proxy. */
  readonly url: string;
  /** How many requests whose path contains `pathPart` it refused so far. */
  refusals(pathPart: string): number;
  stop(): Promise<void>;
}

/**
 * Starts a proxy to `targetUrl` that answers every request whose path contains a refusal's path part with its status
 * and an empty body at once, as a PACS or a proxy refusing an instance does, and passes every other request on.
 *
 * Unlike Playwright's `page.route` (which holds every request of the page, refused or not, until the test process has
 * looked at it: about a second per frame on a loaded machine), the refusal comes back as fast as a server's would, so
 * it can reach the page before the display listens to cornerstone's events.
 */
export async function startRefusingProxy(targetUrl: string, refusals: Refusal[]): Promise<RefusingProxy> {
  const target = new URL(targetUrl);
  const refusedPaths: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    const refusal = refusals.find(({ pathPart, pathPattern }) => (pathPattern ? pathPattern.test(path) : path.includes(pathPart)));
    if (refusal) {
      refusedPaths.push(path);
      response.writeHead(refusal.status, { 'content-length': '0' }).end();
      return;
    }
    const forwarded = httpRequest({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refusals: (pathPart) => refusedPaths.filter((path) => path.includes(pathPart)).length,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
