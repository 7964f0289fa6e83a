import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prefetchStudy, retrieveInstance, retrieveSeriesMetadata, searchSeries, searchStudies, storeInstances } from '../../viewer/dicomweb/client';
import { configForRoot, type DicomWebAuth, type DicomWebConfig } from '../../viewer/dicomweb/config';
import type { DicomWebError } from '../../viewer/dicomweb/errors';
import { boundaryFromContentType, parseMultipart } from '../../viewer/dicomweb/multipart';
import type { Result } from '../../viewer/dicomweb/result';
import { at } from '../../measurement/testing/results';

/**
 * A stand-in PACS on 127.0.0.1 (port chosen by the system): each test routes the first path segment of its own
 * DICOMweb root to a handler, so tests never share answers. Loopback only.
 */
type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let server: Server;
let base = '';
const routes = new Map<string, Handler>();
let seen: Seen[] = [];
let routeCounter = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      // The first path segment names the route; a request without one finds none (404).
      const handler = routes.get((req.url ?? '').split('/')[1] ?? '');
      if (handler) handler(req, body, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

/** A DICOMweb config whose root is answered by `handler`. */
function pacs(handler: Handler, options: { auth?: DicomWebAuth; timeoutMs?: number } = {}): DicomWebConfig {
  const name = `r${++routeCounter}`;
  routes.set(name, handler);
  return configForRoot(`${base}/${name}`, options.auth, options.timeoutMs);
}

function answer(status: number, body: string | Buffer = '', headers: Record<string, string> = {}): Handler {
  return (_req, _body, res) => res.writeHead(status, headers).end(body);
}

function json(value: unknown, status = 200): Handler {
  return answer(status, JSON.stringify(value), { 'Content-Type': 'application/dicom+json' });
}

function errorOf<T>(result: Result<T>): DicomWebError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** A minimal DICOM Part 10 file: preamble, DICM, a meta group naming the SOP instance, nothing more. */
function part10(sopInstanceUID: string): Uint8Array {
  const element = (number: number, text: string) => {
    const bytes = [...text].map((char) => char.charCodeAt(0));
    if (bytes.length % 2) bytes.push(0);
    return [2, 0, number, 0, 0x55, 0x49, bytes.length, 0, ...bytes];
  };
  const meta = [...element(0x03, sopInstanceUID), ...element(0x10, '1.2.840.10008.1.2.1')];
  const dataset = [8, 0, 0x60, 0, 0x43, 0x53, 2, 0, 0x43, 0x54];
  return new Uint8Array([...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d, ...meta, ...dataset]);
}

function referenced(uids: string[]) {
  return { vr: 'SQ', Value: uids.map((uid) => ({ '00081155': { vr: 'UI', Value: [uid] } })) };
}

describe('when the PACS answers with an HTTP error', () => {
  it.each([
    [401, 'unauthorized', 'The PACS did not accept the credentials (HTTP 401): check user name and password.'],
    [403, 'forbidden', 'HTTP 403'],
    [404, 'not-found', 'check the DICOMweb address'],
    [409, 'conflict', 'HTTP 409'],
    [500, 'server', 'internal error during the study search (HTTP 500)'],
    [503, 'unreachable', 'through the proxy (HTTP 503)'],
    [502, 'unreachable', 'check that the PACS is running'],
    [504, 'timeout', 'HTTP 504'],
    [418, 'http', 'unexpected status (HTTP 418)'],
  ])('maps status %i to %s with a readable message', async (status, kind, message) => {
    const error = errorOf(await searchStudies(pacs(answer(status, 'nope')), {}));
    expect(error).toMatchObject({ kind, status });
    expect(error.message).toContain(message);
  });
});

describe('when the PACS does not answer', () => {
  it('reports a server that is not running as unreachable, naming its address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = errorOf(await searchStudies(configForRoot(`http://127.0.0.1:${port}/dicom-web`), {}));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`http://127.0.0.1:${port}/dicom-web could not be reached`);
  });

  it('gives up after the time limit when no answer comes', async () => {
    const started = Date.now();
    const error = errorOf(await searchStudies(pacs(() => undefined, { timeoutMs: 300 }), {}));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 0.3 s');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up after the time limit when the answer stops half-way', async () => {
    const stalled: Handler = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': '1000' });
      res.write('[{"0020000D":');
    };
    expect(errorOf(await searchStudies(pacs(stalled, { timeoutMs: 300 }), {})).kind).toBe('timeout');
  });

  it('reports a connection that breaks during the answer', async () => {
    const broken: Handler = (req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json', 'Content-Length': '1000' });
      res.write('[{"0020000D":', () => req.socket.destroy());
    };
    const error = errorOf(await searchStudies(pacs(broken), {}));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('broke while receiving the study search');
  });
});

describe('when the PACS answers with something that is not DICOM JSON', () => {
  it.each([
    ['garbage', '<html>login</html>', 'not valid JSON'],
    ['a JSON object instead of a list', '{"error":"x"}', 'not a list'],
  ])('reports %s as malformed', async (_case, body, detail) => {
    const error = errorOf(await searchStudies(pacs(answer(200, body)), {}));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(detail);
  });

  it.each([
    ['an empty 200 answer', answer(200)],
    ['a 204 answer', answer(204)],
  ])('reads %s as no studies', async (_case, handler) => {
    expect(valueOf(await searchStudies(pacs(handler), {}))).toEqual([]);
  });
});

describe('searchStudies', () => {
  it('sends the filters as QIDO-RS parameters with wildcards and a date range', async () => {
    const config = pacs(json([]));
    await searchStudies(config, { patientName: 'PHANTOM*', patientId: 'ID ?1', studyDateFrom: '20260901', studyDateTo: '20261031', modality: 'ct', limit: 10, offset: 20 });
    const url = new URL(at(seen, 0).url, base);
    expect(url.pathname).toMatch(/\/studies$/);
    expect(at(seen, 0).url).toContain('PatientName=PHANTOM*');
    expect(at(seen, 0).url).toContain('PatientID=ID%20?1');
    expect(url.searchParams.get('StudyDate')).toBe('20260901-20261031');
    expect(url.searchParams.get('ModalitiesInStudy')).toBe('CT');
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.get('offset')).toBe('20');
    expect(url.searchParams.getAll('includefield')).toEqual(expect.arrayContaining(['StudyDescription', 'ModalitiesInStudy', 'NumberOfStudyRelatedInstances']));
    expect(at(seen, 0).headers.accept).toContain('application/dicom+json');
  });

  it.each([
    [{ studyDateFrom: '20260901' }, '20260901-'],
    [{ studyDateTo: '20260901' }, '-20260901'],
    [{ studyDateFrom: '20260901', studyDateTo: '20260901' }, '20260901'],
  ])('writes the date filter %j as %s', async (query, expected) => {
    await searchStudies(pacs(json([])), query);
    expect(new URL(at(seen, 0).url, base).searchParams.get('StudyDate')).toBe(expected);
  });

  it('sends wildcards and the caret between name parts literally, and escapes what a query cannot carry', async () => {
    await searchStudies(pacs(json([])), { patientName: 'DOE^J?N*', patientId: 'A&B=C+D #1%' });
    expect(at(seen, 0).url).toContain('PatientName=DOE^J?N*&');
    expect(at(seen, 0).url).toContain('PatientID=A%26B%3DC%2BD%20%231%25&');
    const params = new URL(at(seen, 0).url, base).searchParams;
    expect([params.get('PatientName'), params.get('PatientID')]).toEqual(['DOE^J?N*', 'A&B=C+D #1%']);
  });

  it('sends no filter for blank fields', async () => {
    await searchStudies(pacs(json([])), { patientName: '  ', patientId: '', modality: '' });
    expect([...new URL(at(seen, 0).url, base).searchParams.keys()].filter((key) => key !== 'includefield')).toEqual([]);
  });

  it.each([
    [{ studyDateFrom: '2026-09-01' }, 'not a date written YYYYMMDD'],
    [{ studyDateTo: '20260231' }, 'not a date written YYYYMMDD'],
    [{ studyDateFrom: '20261001', studyDateTo: '20260901' }, 'is after the end date'],
    [{ limit: -1 }, 'limit must be a whole number'],
    [{ offset: 1.5 }, 'offset must be a whole number'],
  ])('refuses %j without sending anything', async (query, detail) => {
    const error = errorOf(await searchStudies(pacs(json([])), query));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toContain(detail);
    expect(seen).toHaveLength(0);
  });

  it('reads each study into a summary and skips entries without a Study Instance UID', async () => {
    const study = {
      '00080020': { vr: 'DA', Value: ['20260915'] },
      '00080030': { vr: 'TM', Value: ['101500'] },
      '00080050': { vr: 'SH', Value: ['ACC1'] },
      '00080061': { vr: 'CS', Value: ['CT', 'MR'] },
      '00081030': { vr: 'LO', Value: ['CT LUMBAR SPINE'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'PHANTOM^SPINE' }] },
      '00100020': { vr: 'LO', Value: ['PHANTOM-0001'] },
      '0020000D': { vr: 'UI', Value: ['2.25.1'] },
      '00201208': { vr: 'IS', Value: [242] },
    };
    const studies = valueOf(await searchStudies(pacs(json([study, { '00100010': { vr: 'PN' } }, 'junk'])), {}));
    expect(studies).toEqual([{
      studyInstanceUID: '2.25.1',
      patientName: 'PHANTOM^SPINE',
      patientId: 'PHANTOM-0001',
      studyDate: '20260915',
      studyTime: '101500',
      studyDescription: 'CT LUMBAR SPINE',
      accessionNumber: 'ACC1',
      modalities: ['CT', 'MR'],
      instanceCount: 242,
    }]);
  });

  it('sends basic credentials itself and asks the browser not to add its own', async () => {
    await searchStudies(pacs(json([]), { auth: { kind: 'basic', user: 'alice', password: 'pw' } }), {});
    expect(at(seen, 0).headers.authorization).toBe(`Basic ${Buffer.from('alice:pw').toString('base64')}`);
  });

  it('sends a bearer token', async () => {
    await searchStudies(pacs(json([]), { auth: { kind: 'bearer', token: 'tok' } }), {});
    expect(at(seen, 0).headers.authorization).toBe('Bearer tok');
  });
});

describe('searchSeries', () => {
  const series = (uid: string, number: number | null, modality: string) => ({
    '0020000E': { vr: 'UI', Value: [uid] },
    '00080060': { vr: 'CS', Value: [modality] },
    ...(number === null ? {} : { '00200011': { vr: 'IS', Value: [number] } }),
    '0008103E': { vr: 'LO', Value: [`series ${uid}`] },
    '00201209': { vr: 'IS', Value: ['15'] },
  });

  it('lists the series of a study in series-number order, unnumbered last', async () => {
    const config = pacs(json([series('1.3', null, 'SR'), series('1.2', 2, 'MR'), series('1.1', 1, 'CT')]));
    const list = valueOf(await searchSeries(config, '1.2.3'));
    expect(list.map((entry) => entry.seriesInstanceUID)).toEqual(['1.1', '1.2', '1.3']);
    expect(list[1]).toEqual({ studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2', modality: 'MR', seriesNumber: 2, seriesDescription: 'series 1.2', instanceCount: 15 });
    expect(new URL(at(seen, 0).url, base).pathname).toMatch(/\/studies\/1\.2\.3\/series$/);
  });

  it('filters by modality', async () => {
    await searchSeries(pacs(json([])), '1.2.3', { modality: 'mr' });
    expect(new URL(at(seen, 0).url, base).searchParams.get('Modality')).toBe('MR');
  });

  it('refuses a study UID that is not a UID without sending anything', async () => {
    expect(errorOf(await searchSeries(pacs(json([])), '../studies')).kind).toBe('invalid-query');
    expect(seen).toHaveLength(0);
  });
});

describe('retrieveSeriesMetadata', () => {
  it('asks for …/series/{uid}/metadata and gives the instances', async () => {
    const instances = [{ '00080018': { vr: 'UI', Value: ['1.1'] } }, { '00080018': { vr: 'UI', Value: ['1.2'] } }];
    expect(valueOf(await retrieveSeriesMetadata(pacs(json(instances)), '1.2', '1.2.3'))).toEqual(instances);
    expect(new URL(at(seen, 0).url, base).pathname).toMatch(/\/studies\/1\.2\/series\/1\.2\.3\/metadata$/);
  });

  it('reports a series the PACS does not have', async () => {
    expect(errorOf(await retrieveSeriesMetadata(pacs(answer(404)), '1.2', '1.2.3')).kind).toBe('not-found');
  });
});

describe('prefetchStudy', () => {
  const seriesJson = (uid: string, modality: string) => ({ '0020000E': { vr: 'UI', Value: [uid] }, '00080060': { vr: 'CS', Value: [modality] } });
  const instances = [{ '00080018': { vr: 'UI', Value: ['1.9'] } }];
  const studyPacs = () =>
    pacs((req, body, res) => {
      const path = new URL(req.url ?? '', base).pathname;
      json(path.endsWith('/metadata') ? instances : [seriesJson('1.2.3.1', 'CT'), seriesJson('1.2.3.2', 'SR')])(req, body, res);
    });
  const pathsSeen = () => seen.map((entry) => new URL(entry.url, base).pathname.replace(/^\/r\d+/, ''));

  it('asks for the series list and each series metadata once, and the later calls take those answers', async () => {
    const config = studyPacs();
    await prefetchStudy(config, '1.2.3');
    const list = valueOf(await searchSeries(config, '1.2.3'));
    expect(list.map((entry) => entry.seriesInstanceUID)).toEqual(['1.2.3.1', '1.2.3.2']);
    expect(valueOf(await retrieveSeriesMetadata(config, '1.2.3', '1.2.3.1'))).toEqual(instances);
    expect(valueOf(await retrieveSeriesMetadata(config, '1.2.3', '1.2.3.2'))).toEqual(instances);
    expect(pathsSeen().sort()).toEqual(['/studies/1.2.3/series', '/studies/1.2.3/series/1.2.3.1/metadata', '/studies/1.2.3/series/1.2.3.2/metadata']);
  });

  it('hands each early answer out once: a second search asks the PACS again', async () => {
    const config = studyPacs();
    await prefetchStudy(config, '1.2.3');
    await searchSeries(config, '1.2.3');
    await searchSeries(config, '1.2.3');
    expect(pathsSeen().filter((path) => path === '/studies/1.2.3/series')).toHaveLength(2);
  });

  it('sends nothing for a study UID that is not a UID', async () => {
    await prefetchStudy(pacs(json([])), '../studies');
    expect(seen).toHaveLength(0);
  });
});

describe('retrieveInstance', () => {
  const file = part10('1.2.3.4');
  const multipartAnswer = (boundaryParam: string, boundary: string): Handler => (_req, _body, res) => {
    res.writeHead(200, { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundaryParam}` });
    res.end(Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(file), Buffer.from(`\r\n--${boundary}--\r\n`)]));
  };

  it('takes the DICOM file out of a multipart answer, asking for the stored transfer syntax', async () => {
    const bytes = valueOf(await retrieveInstance(pacs(multipartAnswer('xyz', 'xyz')), '1.2', '1.2.3', '1.2.3.4'));
    expect([...bytes]).toEqual([...file]);
    expect(at(seen, 0).headers.accept).toBe('multipart/related; type="application/dicom"; transfer-syntax=*');
    expect(new URL(at(seen, 0).url, base).pathname).toMatch(/\/studies\/1\.2\/series\/1\.2\.3\/instances\/1\.2\.3\.4$/);
  });

  it('reads a quoted boundary', async () => {
    expect(valueOf(await retrieveInstance(pacs(multipartAnswer('"q b"', 'q b')), '1.2', '1.2.3', '1.2.3.4')).length).toBe(file.length);
  });

  it('accepts a plain application/dicom answer', async () => {
    const plain = answer(200, Buffer.from(file), { 'Content-Type': 'application/dicom' });
    expect(valueOf(await retrieveInstance(pacs(plain), '1.2', '1.2.3', '1.2.3.4')).length).toBe(file.length);
  });

  it('asks once more without transfer-syntax=* when the PACS refuses it', async () => {
    const picky: Handler = (req, body, res) => {
      if (String(req.headers.accept).includes('transfer-syntax')) res.writeHead(406).end();
      else multipartAnswer('b', 'b')(req, body, res);
    };
    expect(valueOf(await retrieveInstance(pacs(picky), '1.2', '1.2.3', '1.2.3.4')).length).toBe(file.length);
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['a multipart answer without a boundary', answer(200, 'x', { 'Content-Type': 'multipart/related' }), 'names no boundary'],
    ['a multipart answer cut off', answer(200, '--b\r\n\r\nabc', { 'Content-Type': 'multipart/related; boundary=b' }), 'ended before its closing boundary'],
    ['a multipart answer with no parts', answer(200, '--b--', { 'Content-Type': 'multipart/related; boundary=b' }), 'has no parts'],
    ['an object that is not DICOM', answer(200, '<html/>', { 'Content-Type': 'application/dicom' }), 'not a DICOM file'],
  ])('reports %s as malformed', async (_case, handler, detail) => {
    const error = errorOf(await retrieveInstance(pacs(handler), '1.2', '1.2.3', '1.2.3.4'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(detail);
  });
});

describe('storeInstances', () => {
  /** A STOW-RS server that stores everything except the UIDs in `refuse`, and reports each object. */
  function stow(refuse: Record<string, number> = {}, status = 200): Handler {
    return (req, body, res) => {
      const boundary = boundaryFromContentType(String(req.headers['content-type']));
      const parts = boundary === null ? null : parseMultipart(new Uint8Array(body), boundary);
      if (!parts?.ok) return void res.writeHead(400).end();
      const uids = parts.value.map((part) => new TextDecoder().decode(part.body.subarray(140, 140 + 7)).replace(/\0/g, ''));
      const failed = uids.filter((uid) => uid in refuse);
      const report = {
        '00081199': referenced(uids.filter((uid) => !(uid in refuse))),
        '00081198': { vr: 'SQ', Value: failed.map((uid) => ({ '00081155': { vr: 'UI', Value: [uid] }, '00081197': { vr: 'US', Value: [refuse[uid]] } })) },
      };
      json(report, failed.length > 0 ? status : 200)(req, body, res);
    };
  }

  it('posts multipart/related with type application/dicom and counts what the PACS stored', async () => {
    const outcome = valueOf(await storeInstances(pacs(stow()), [part10('1.2.3.1'), part10('1.2.3.2')]));
    expect(outcome).toEqual({ stored: 2, failed: [] });
    expect(at(seen, 0).method).toBe('POST');
    expect(at(seen, 0).headers['content-type']).toMatch(/^multipart\/related; type="application\/dicom"; boundary=[0-9a-f]{32}$/);
    expect(new URL(at(seen, 0).url, base).pathname).toMatch(/\/studies$/);
  });

  it('posts to …/studies/{uid} when a study is named', async () => {
    await storeInstances(pacs(stow()), [part10('1.2.3.1')], '1.2.3');
    expect(new URL(at(seen, 0).url, base).pathname).toMatch(/\/studies\/1\.2\.3$/);
  });

  it.each([[409], [400], [202]])('lists each refused object with its reason when the PACS answers %i', async (status) => {
    const outcome = valueOf(await storeInstances(pacs(stow({ '1.2.3.2': 0xa700 }, status)), [part10('1.2.3.1'), part10('1.2.3.2')]));
    expect(outcome.stored).toBe(1);
    expect(outcome.failed).toEqual([{ index: 1, sopInstanceUID: '1.2.3.2', reason: 'The PACS is out of resources (storage full?) (failure reason 0xA700).' }]);
  });

  it('refuses files that are not DICOM before sending and sends the rest', async () => {
    const outcome = valueOf(await storeInstances(pacs(stow()), [new TextEncoder().encode('not dicom'), part10('1.2.3.1')]));
    expect(outcome.stored).toBe(1);
    expect(outcome.failed).toEqual([{ index: 0, sopInstanceUID: '', reason: 'Not stored: it is not a DICOM file (no DICM marker after the 128-byte preamble).' }]);
  });

  it('sends nothing when no file is DICOM', async () => {
    const outcome = valueOf(await storeInstances(pacs(stow()), [new Uint8Array(10)]));
    expect(outcome.stored).toBe(0);
    expect(seen).toHaveLength(0);
  });

  it('sends 20 objects per request', async () => {
    const files = Array.from({ length: 45 }, (_, i) => part10(`1.2.${String(i).padStart(3, '0')}`));
    expect(valueOf(await storeInstances(pacs(stow()), files)).stored).toBe(45);
    expect(seen).toHaveLength(3);
  });

  it('counts a 200 answer without a report as all stored', async () => {
    expect(valueOf(await storeInstances(pacs(answer(200)), [part10('1.2.3.1')]))).toEqual({ stored: 1, failed: [] });
  });

  it('lists objects a partial answer does not mention as unconfirmed', async () => {
    const partial = json({ '00081199': referenced(['1.2.3.1']) }, 202);
    const outcome = valueOf(await storeInstances(pacs(partial), [part10('1.2.3.1'), part10('1.2.3.2')]));
    expect(outcome.failed).toEqual([{ index: 1, sopInstanceUID: '1.2.3.2', reason: 'The PACS did not confirm storing this object.' }]);
  });

  it('reports an error status without a report as the error it means', async () => {
    expect(errorOf(await storeInstances(pacs(answer(401)), [part10('1.2.3.1')])).kind).toBe('unauthorized');
    expect(errorOf(await storeInstances(pacs(answer(400, 'bad')), [part10('1.2.3.1')])).kind).toBe('http');
  });

  it('says how many objects were stored before a later request failed', async () => {
    let calls = 0;
    const failsSecond: Handler = (req, body, res) => (++calls === 1 ? stow()(req, body, res) : answer(500)(req, body, res));
    const files = Array.from({ length: 25 }, (_, i) => part10(`1.2.${String(i).padStart(3, '0')}`));
    const error = errorOf(await storeInstances(pacs(failsSecond), files));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('20 of 25 objects were stored before this');
  });
});
