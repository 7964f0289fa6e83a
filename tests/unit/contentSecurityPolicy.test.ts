import { describe, expect, it } from 'vitest';
import { connectOriginsOf, contentSecurityPolicy } from '../../scripts/build/contentSecurityPolicy';

describe('contentSecurityPolicy', () => {
  const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ])('sets %s to %j', (name, sources) => {
    expect(directives(contentSecurityPolicy())[name]).toEqual(sources);
  });

  it('never allows inline or eval\'d scripts', () => {
    expect(directives(contentSecurityPolicy())['script-src']).not.toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy())['script-src']).not.toContain("'unsafe-eval'");
  });

  it('lets the page request the DICOMweb origins it is given, and only those besides its own', () => {
    expect(directives(contentSecurityPolicy(['https://pacs.example.org']))['connect-src']).toEqual(["'self'", 'https://pacs.example.org']);
  });
});

describe('connectOriginsOf', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['https://pacs.example.org/dicom-web', ['https://pacs.example.org']],
    ['https://pacs.example.org:8443/dcm4chee-arc/aets/DCM4CHEE/rs, http://10.0.0.5:8042/dicom-web', ['https://pacs.example.org:8443', 'http://10.0.0.5:8042']],
    ['https://a.example/qido https://a.example/wado', ['https://a.example']],
  ])('turns %j into the origins %j', (list, origins) => {
    expect(connectOriginsOf(list)).toEqual(origins);
  });

  it.each([
    ['pacs.example.org', /is not a URL/],
    ['ftp://pacs.example.org', /is not an http\(s\) URL/],
    ['javascript:alert(1)', /is not an http\(s\) URL/],
  ])('stops the build on %j', (list, message) => {
    expect(() => connectOriginsOf(list)).toThrow(message);
  });
});
