import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ohifAppConfig } from '../../scripts/ohif/ohifAppConfig';
import { startOhifServer } from '../../scripts/ohif/ohifServer';
import { startStaticServer, type RunningStaticServer } from '../../scripts/ohif/staticServer';

/** What the fake DICOMweb server saw of each request. */
interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function startUpstream(): Promise<{ server: Server; root: string; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (req.method === 'POST') {
        res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
        res.end(JSON.stringify({ received: Buffer.concat(chunks).length }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'multipart/related; type="application/octet-stream"; boundary=xyz', 'X-Upstream': 'yes' });
      res.end(Buffer.alloc(300_000, 7));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, root: `http://127.0.0.1:${port}/dicom-web`, seen });
    });
  });
}

describe('startStaticServer', () => {
  let dist: string;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let served: RunningStaticServer;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'vhv-static-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'app.bundle.js'), 'console.log(1)');
    writeFileSync(join(dist, 'codec.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'style.css'), 'body{}');
    upstream = await startUpstream();
    served = await startStaticServer({
      rootDir: dist,
      dicomWebTarget: upstream.root,
      generated: { '/app-config.js': { contentType: 'text/javascript; charset=utf-8', body: () => 'window.config = {};' } },
    });
  });

  afterAll(async () => {
    await served.stop();
    await new Promise((resolve) => upstream.server.close(resolve));
    rmSync(dist, { recursive: true, force: true });
  });

  it.each([
    ['/app.bundle.js', 'text/javascript; charset=utf-8'],
    ['/codec.wasm', 'application/wasm'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/app-config.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (path, contentType) => {
    const response = await fetch(`${served.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
  });

  it.each(['/viewer', '/viewer/dicomweb', '/'])('answers the app route %s with index.html', async (path) => {
    const response = await fetch(`${served.url}${path}?StudyInstanceUIDs=1.2.3`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('answers a page request for a path with dots (a UID in the route) with index.html', async () => {
    const response = await fetch(`${served.url}/viewer/1.2.840.5`, { headers: { Accept: 'text/html' } });
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('keeps a missing script a 404, so a broken build shows', async () => {
    expect((await fetch(`${served.url}/missing.js`)).status).toBe(404);
  });

  it.each(['/../../../../etc/hostname', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname'])('refuses %s, outside its folder, with 403', async (path) => {
    // Sent raw: fetch would resolve the dots before sending.
    const status = await new Promise<number>((resolve, reject) => {
      request(`${served.url}${path}`, { path }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).once('error', reject).end();
    });
    expect(status).toBe(403);
  });

  it('proxies a WADO-RS GET with its path, query and Accept header, and streams the answer back with its headers', async () => {
    const accept = 'multipart/related; type=application/octet-stream; transfer-syntax=*';
    const response = await fetch(`${served.url}/dicom-web/studies/1.2/series/3.4/instances/5.6/frames/1?x=1`, { headers: { Accept: accept } });
    const body = Buffer.from(await response.arrayBuffer());
    const seen = upstream.seen.at(-1);
    expect(seen?.url).toBe('/dicom-web/studies/1.2/series/3.4/instances/5.6/frames/1?x=1');
    expect(seen?.headers.accept).toBe(accept);
    expect(response.headers.get('content-type')).toBe('multipart/related; type="application/octet-stream"; boundary=xyz');
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(body.length).toBe(300_000);
  });

  it('proxies a STOW-RS POST with its body and Content-Type', async () => {
    const payload = Buffer.alloc(200_000, 3);
    const contentType = 'multipart/related; type="application/dicom"; boundary=abc';
    const response = await fetch(`${served.url}/dicom-web/studies`, { method: 'POST', body: payload, headers: { 'Content-Type': contentType } });
    expect(await response.json()).toEqual({ received: payload.length });
    const seen = upstream.seen.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-type']).toBe(contentType);
    expect(seen?.body.equals(payload)).toBe(true);
  });

  it('refuses other methods outside the proxy', async () => {
    expect((await fetch(`${served.url}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('the DICOMweb proxy when the server is down', () => {
  it('answers 502 with the target and the reason', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vhv-static-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    const served = await startStaticServer({ rootDir: dist, dicomWebTarget: 'http://127.0.0.1:9/dicom-web' });
    try {
      const response = await fetch(`${served.url}/dicom-web/studies`);
      expect(response.status).toBe(502);
      expect(await response.text()).toMatch(/127\.0\.0\.1:9\/dicom-web did not answer GET \/dicom-web\/studies/);
    } finally {
      await served.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('startStaticServer on a folder without index.html', () => {
  it('says it is not a production build', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vhv-static-'));
    await expect(startStaticServer({ rootDir: empty })).rejects.toThrow(/no index\.html/);
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('ohifAppConfig', () => {
  it('points its one DICOMweb data source at the page origin + /dicom-web', () => {
    const window = { location: { origin: 'http://127.0.0.1:4321' } } as { location: { origin: string }; config?: { defaultDataSourceName: string; dataSources: Array<{ sourceName: string; configuration: Record<string, unknown> }> } };
    new Function('window', ohifAppConfig())(window);
    expect(window.config?.defaultDataSourceName).toBe('dicomweb');
    expect(window.config?.dataSources).toHaveLength(1);
    expect(window.config?.dataSources[0]?.configuration).toMatchObject({
      qidoRoot: 'http://127.0.0.1:4321/dicom-web',
      wadoRoot: 'http://127.0.0.1:4321/dicom-web',
      wadoUriRoot: 'http://127.0.0.1:4321/dicom-web',
      imageRendering: 'wadors',
      dicomUploadEnabled: true,
    });
  });

  it('is what startOhifServer serves as /app-config.js', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vhv-ohif-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'app-config.js'), 'window.config = { original: true };');
    const served = await startOhifServer({ distDir: dist, dicomWebTarget: 'http://127.0.0.1:9/dicom-web' });
    try {
      expect(await (await fetch(`${served.url}/app-config.js`)).text()).toBe(ohifAppConfig());
    } finally {
      await served.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
