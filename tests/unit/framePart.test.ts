import { describe, expect, it } from 'vitest';
import { framePartOf, framePartsOf, transferSyntaxAnnounced, transferSyntaxOfFrame } from '../../viewer/dicomweb/framePart';

const encoder = new TextEncoder();
const concat = (...pieces: Array<string | Uint8Array>): Uint8Array => {
  const bytes = pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
};

/** Pixel bytes that hold the boundary's first characters and CR LF, as real int16 frames do. */
const pixels = new Uint8Array(Array.from({ length: 4096 }, (_, i) => [0x2d, 0x2d, 0x0d, 0x0a, 0x62, i % 251][i % 6]!));

describe('transferSyntaxOfFrame', () => {
  it.each([
    ['application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', '1.2.840.10008.1.2.1'],
    ['application/octet-stream; transfer-syntax="1.2.840.10008.1.2.4.90"', '1.2.840.10008.1.2.4.90'],
    ['image/jls', '1.2.840.10008.1.2.4.80'],
    ['image/jp2', '1.2.840.10008.1.2.4.90'],
    ['application/octet-stream', '1.2.840.10008.1.2'],
    ['application/octet-stream; transfer-syntax=*', '1.2.840.10008.1.2'],
  ])('reads %s as %s', (contentType, uid) => {
    expect(transferSyntaxOfFrame(contentType)).toBe(uid);
  });
});

describe('framePartOf', () => {
  it('takes the first part of a multipart answer byte for byte, as a view without copying', () => {
    const body = concat('--abc123\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n', pixels, '\r\n--abc123--\r\n');
    const part = framePartOf('multipart/related; type="application/octet-stream"; boundary=abc123', body);
    if (!part.ok) throw new Error(part.reason);
    expect(part.value.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    expect(Array.from(part.value.pixelData)).toEqual(Array.from(pixels));
    expect(part.value.pixelData.buffer).toBe(body.buffer);
  });

  it('takes a single-part answer whole', () => {
    const part = framePartOf('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1', pixels);
    expect(part.ok && part.value.pixelData).toBe(pixels);
  });

  it.each([
    ['an answer cut before its closing boundary', 'multipart/related; boundary=abc123', concat('--abc123\r\nContent-Type: application/octet-stream\r\n\r\n', pixels)],
    ['a multipart answer without a boundary parameter', 'multipart/related; type="application/octet-stream"', pixels],
    ['a multipart answer without any part', 'multipart/related; boundary=abc123', encoder.encode('--abc123--\r\n')],
  ])('refuses %s with a reason', (_, contentType, body) => {
    const part = framePartOf(contentType, body);
    expect(part.ok).toBe(false);
    expect(part.ok ? '' : part.reason).toMatch(/\w+ \w+/);
  });
});

describe('framePartsOf', () => {
  it('takes every frame of an answer to a list of frames, in the order of its parts, each with its own syntax', () => {
    const second = pixels.slice(0, 1000).reverse();
    const body = concat(
      '--abc123\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n', pixels,
      '\r\n--abc123\r\nContent-Type: image/jp2\r\n\r\n', second, '\r\n--abc123--\r\n',
    );
    const parts = framePartsOf('multipart/related; type="application/octet-stream"; boundary=abc123', body);
    if (!parts.ok) throw new Error(parts.reason);
    expect(parts.value.map((p) => p.transferSyntaxUID)).toEqual(['1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.90']);
    expect(Array.from(parts.value[0]!.pixelData)).toEqual(Array.from(pixels));
    expect(Array.from(parts.value[1]!.pixelData)).toEqual(Array.from(second));
  });
});

describe('transferSyntaxAnnounced', () => {
  it.each([
    ['Orthanc 1.10\'s multipart answer (the syntax inside its type parameter)', 'multipart/related; type="image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90"; boundary=b93e', '1.2.840.10008.1.2.4.90'],
    ['a multipart answer with the syntax at its top level', 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.4.80; boundary=x', '1.2.840.10008.1.2.4.80'],
    ['a multipart answer whose type names only a media type', 'multipart/related; type="image/x-jls"; boundary=x', '1.2.840.10008.1.2.4.80'],
    ['a single-part answer', 'image/jp2', '1.2.840.10008.1.2.4.90'],
    ['a single-part octet stream (Implicit VR Little Endian)', 'application/octet-stream', '1.2.840.10008.1.2'],
  ])('reads %s', (_, contentType, syntax) => {
    expect(transferSyntaxAnnounced(contentType)).toBe(syntax);
  });

  it.each([
    ['a multipart answer whose parts say it', 'multipart/related; type="application/octet-stream"; boundary=x'],
    ['a multipart answer without a type', 'multipart/related; boundary=x'],
    ['a multipart answer with the wildcard syntax', 'multipart/related; type="application/octet-stream"; transfer-syntax=*; boundary=x'],
  ])('announces nothing for %s', (_, contentType) => {
    expect(transferSyntaxAnnounced(contentType)).toBeNull();
  });
});
