import { describe, expect, it } from 'vitest';
import { connectSrcAllows } from '../../viewer/dicomweb/connectPolicy';
import { unreachableError } from '../../viewer/dicomweb/errors';
import { contentSecurityPolicy } from '../../scripts/build/contentSecurityPolicy';

const PAGE = 'https://viewer.example.org';
const BUILT = contentSecurityPolicy(['https://pacs.example.org']);

describe('connectSrcAllows', () => {
  it.each<[string, string, string, boolean]>([
    ['the built policy', BUILT, '/dicom-web/studies', true],
    ['the built policy', BUILT, `${PAGE}/dicom-web/studies`, true],
    ['the built policy', BUILT, 'https://pacs.example.org/dicom-web/studies', true],
    ['the built policy', BUILT, 'https://pacs.example.org:8443/dicom-web/studies', false],
    ['the built policy', BUILT, 'http://pacs.example.org/dicom-web/studies', false],
    ['the built policy', BUILT, 'https://other.example.org/dicom-web', false],
    ['default-src alone', "default-src 'self'", 'https://other.example.org/', false],
    ["connect-src 'none'", "default-src 'self'; connect-src 'none'", '/dicom-web', false],
    ['connect-src *', 'connect-src *', 'https://other.example.org/', true],
    ['a policy without connect-src or default-src', "img-src 'self'", 'https://other.example.org/', true],
  ])('under %s, %s is allowed: %s', (_name, policy, url, allowed) => {
    expect(connectSrcAllows(policy, url, PAGE)).toBe(allowed);
  });
});

describe('unreachableError', () => {
  it('says a request refused by the page policy needs the PACS named at build', () => {
    expect(unreachableError('https://other.example.org/dicom-web/studies', true).message).toMatch(
      /security policy does not allow requests to https:\/\/other\.example\.org\/dicom-web: .* named when the viewer is built \(DICOMWEB_CONNECT_SRC\)/,
    );
  });

  it('otherwise says the PACS could not be reached', () => {
    expect(unreachableError('https://other.example.org/dicom-web/studies').message).toMatch(/could not be reached/);
  });
});
