import { describe, expect, it } from 'vitest';
import { at } from '../../measurement/testing/results';
import {
  boundaryFromContentType,
  buildMultipart,
  indexOfBytes,
  newBoundary,
  parseContentType,
  parseMultipart,
  type MultipartPart,
} from '../../viewer/dicomweb/multipart';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function parsed(body: string | Uint8Array, boundary: string): MultipartPart[] {
  const outcome = parseMultipart(typeof body === 'string' ? encode(body) : body, boundary);
  if (!outcome.ok) throw new Error(`expected parts, got: ${outcome.reason}`);
  return outcome.value;
}

function failure(body: string, boundary: string): string {
  const outcome = parseMultipart(encode(body), boundary);
  if (outcome.ok) throw new Error('expected a failure');
  return outcome.reason;
}

describe('boundaryFromContentType', () => {
  it.each([
    ['multipart/related; type="application/dicom"; boundary=abc123', 'abc123'],
    ['multipart/related; boundary="quoted boundary"; type="application/dicom"', 'quoted boundary'],
    ['Multipart/Related;Boundary=UPPER', 'UPPER'],
    ['multipart/related; type="application/dicom; x=1"; boundary=after-a-semicolon-in-quotes', 'after-a-semicolon-in-quotes'],
    ['multipart/related; boundary="with \\"escaped\\" quotes"', 'with "escaped" quotes'],
    ['multipart/related;   boundary =  spaced  ', 'spaced'],
  ])('reads the boundary of %s', (header, boundary) => {
    expect(boundaryFromContentType(header)).toBe(boundary);
  });

  it.each([
    ['application/dicom'],
    ['multipart/related; type="application/dicom"'],
    ['multipart/related; boundary=""'],
    [''],
  ])('finds no boundary in %j', (header) => {
    expect(boundaryFromContentType(header)).toBeNull();
  });

  it('keeps the media type and parameters apart', () => {
    expect(parseContentType('Multipart/Related; TYPE="application/dicom"; transfer-syntax=*')).toEqual({
      mediaType: 'multipart/related',
      params: { type: 'application/dicom', 'transfer-syntax': '*' },
    });
  });
});

describe('parseMultipart', () => {
  it('splits two parts with CRLF line breaks and reads their headers', () => {
    const body = '--b1\r\nContent-Type: application/dicom\r\nContent-Length: 5\r\n\r\nfirst\r\n--b1\r\nContent-Type: text/plain\r\n\r\nsecond\r\n--b1--\r\n';
    const parts = parsed(body, 'b1');
    expect(parts.map((part) => decode(part.body))).toEqual(['first', 'second']);
    expect(at(parts, 0).headers).toEqual({ 'content-type': 'application/dicom', 'content-length': '5' });
  });

  it('skips a preamble before the first boundary and an epilogue after the last', () => {
    const body = 'This is a preamble.\r\nIgnore it.\r\n--b\r\nContent-Type: a/b\r\n\r\npayload\r\n--b--\r\nepilogue text';
    expect(parsed(body, 'b').map((part) => decode(part.body))).toEqual(['payload']);
  });

  it('accepts bare LF line breaks', () => {
    expect(parsed('--b\nContent-Type: a/b\n\nlf body\n--b--\n', 'b').map((part) => decode(part.body))).toEqual(['lf body']);
  });

  it('accepts transport padding after a boundary', () => {
    expect(parsed('--b  \t\r\nContent-Type: a/b\r\n\r\npadded\r\n--b--', 'b').map((part) => decode(part.body))).toEqual(['padded']);
  });

  it('accepts a part without headers', () => {
    const parts = parsed('--b\r\n\r\nno headers\r\n--b--', 'b');
    expect(at(parts, 0).headers).toEqual({});
    expect(decode(at(parts, 0).body)).toBe('no headers');
  });

  it('keeps an empty part empty', () => {
    expect(at(parsed('--b\r\nContent-Type: a/b\r\n\r\n\r\n--b--', 'b'), 0).body.length).toBe(0);
  });

  it('keeps CR and LF bytes inside a binary body', () => {
    const payload = new Uint8Array([0, 13, 10, 13, 10, 45, 45, 98, 255, 13]);
    const body = new Uint8Array([...encode('--b\r\nContent-Type: application/dicom\r\n\r\n'), ...payload, ...encode('\r\n--b--\r\n')]);
    expect([...at(parsed(body, 'b'), 0).body]).toEqual([...payload]);
  });

  it('does not split at a longer boundary that starts like the real one', () => {
    const body = '--b\r\nContent-Type: a/b\r\n\r\nline\r\n--bb is text\r\n--b--';
    expect(decode(at(parsed(body, 'b'), 0).body)).toBe('line\r\n--bb is text');
  });

  it('does not split at the boundary in the middle of a line', () => {
    expect(decode(at(parsed('--b\r\n\r\nx --b y\r\n--b--', 'b'), 0).body)).toBe('x --b y');
  });

  it('joins folded header lines', () => {
    const parts = parsed('--b\r\nContent-Type: multipart/related;\r\n type=a\r\n\r\nbody\r\n--b--', 'b');
    expect(at(parts, 0).headers['content-type']).toBe('multipart/related; type=a');
  });

  it('gives an empty list for a body with only the closing boundary', () => {
    expect(parsed('--b--\r\n', 'b')).toEqual([]);
  });

  it.each([
    ['no boundary at all', 'just text', 'b', 'does not contain its boundary'],
    ['no closing boundary', '--b\r\nContent-Type: a/b\r\n\r\ncut off', 'b', 'ended before its closing boundary'],
    ['no end to the headers', '--b\r\nContent-Type: a/b', 'b', 'no end to its headers'],
    ['text glued to the boundary', '--b\r\n\r\nx\r\n--b x\r\n--b--', 'b', 'not followed by a line break'],
    ['an empty boundary', '--\r\n', '', 'boundary is empty'],
  ])('refuses a body with %s', (_case, body, boundary, reason) => {
    expect(failure(body, boundary)).toContain(reason);
  });
});

describe('buildMultipart', () => {
  it('writes parts that parseMultipart reads back byte for byte', async () => {
    const boundary = newBoundary();
    const first = new Uint8Array([1, 2, 3, 13, 10]);
    const second = encode('second part');
    const blob = buildMultipart([{ contentType: 'application/dicom', body: first }, { contentType: 'application/dicom', body: second }], boundary);
    const parts = parsed(new Uint8Array(await blob.arrayBuffer()), boundary);
    expect(parts.map((part) => [...part.body])).toEqual([[...first], [...second]]);
    expect(parts.every((part) => part.headers['content-type'] === 'application/dicom')).toBe(true);
  });

  it('makes a new 32-hex-digit boundary each time', () => {
    const boundaries = new Set(Array.from({ length: 20 }, newBoundary));
    expect(boundaries.size).toBe(20);
    for (const boundary of boundaries) expect(boundary).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('indexOfBytes', () => {
  it.each([
    ['abcabd', 'abd', 0, 3],
    ['abcabd', 'ab', 1, 3],
    ['abc', 'abcd', 0, -1],
    ['aaa', 'b', 0, -1],
    ['abc', '', 2, 2],
    ['aaab', 'aab', 0, 1],
    ['abab', 'ab', 2, 2],
    ['abab', 'ab', 3, -1],
    ['xxxx--b--b', '--b', 5, 7],
    ['--b--b', '--b', 1, 3],
    ['b', 'b', 0, 0],
    ['ab', 'b', 2, -1],
  ])('in %j finds %j from %i at %i', (haystack, needle, from, at) => {
    expect(indexOfBytes(encode(haystack), encode(needle), from)).toBe(at);
  });

  it('agrees with a byte-by-byte search on random bytes full of near misses', () => {
    let seed = 12345;
    const nextByte = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % 4 === 0 ? 0x2d : 0x61 + (seed % 3); // '-', 'a', 'b', 'c'
    };
    const naive = (haystack: Uint8Array, needle: Uint8Array, from: number) => {
      for (let i = from; i + needle.length <= haystack.length; i++) if (needle.every((byte, k) => haystack[i + k] === byte)) return i;
      return -1;
    };
    for (let trial = 0; trial < 300; trial++) {
      const haystack = Uint8Array.from({ length: 200 }, nextByte);
      const needle = Uint8Array.from({ length: 2 + (trial % 6) }, nextByte);
      const from = trial % 50;
      expect(indexOfBytes(haystack, needle, from)).toBe(naive(haystack, needle, from));
    }
  });
});
