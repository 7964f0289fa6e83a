import { describe, expect, it } from 'vitest';
import { authHeader, configForRoot, configFromUrl, isUid, studyUidsFromUrl } from '../../viewer/dicomweb/config';

describe('configFromUrl', () => {
  it('uses ?dicomweb= for search, retrieve and store, without credentials', () => {
    expect(configFromUrl('?dicomweb=/dicom-web&StudyInstanceUIDs=1.2.3,4.5.6')).toEqual({
      qidoRoot: '/dicom-web',
      wadoRoot: '/dicom-web',
      stowRoot: '/dicom-web',
      auth: { kind: 'none' },
    });
  });

  it('reads a query without the leading question mark', () => {
    expect(configFromUrl('dicomweb=/dicom-web')?.qidoRoot).toBe('/dicom-web');
  });

  it('drops trailing slashes from a root', () => {
    expect(configFromUrl('?dicomweb=http://127.0.0.1:8042/dicom-web/')?.wadoRoot).toBe('http://127.0.0.1:8042/dicom-web');
  });

  it('lets separate qido, wado and stow roots override the shared one', () => {
    const config = configFromUrl('?dicomweb=/dw&qido=/search&wadoRoot=https://pacs.example/wado&stow=/store');
    expect(config).toMatchObject({ qidoRoot: '/search', wadoRoot: 'https://pacs.example/wado', stowRoot: '/store' });
  });

  it('uses the qido root for retrieve and store when it is the only one given', () => {
    expect(configFromUrl('?qido=/dicom-web')).toMatchObject({ qidoRoot: '/dicom-web', wadoRoot: '/dicom-web', stowRoot: '/dicom-web' });
  });

  it.each([
    ['no DICOMweb parameter', '?StudyInstanceUIDs=1.2.3'],
    ['an empty root', '?dicomweb='],
    ['a javascript: address', '?dicomweb=javascript:alert(1)'],
    ['a protocol-relative address', '?dicomweb=//evil.example/dicom-web'],
    ['a relative path without a slash', '?dicomweb=dicom-web'],
    ['only a wado root', '?wado=/dicom-web'],
  ])('gives null for %s', (_case, search) => {
    expect(configFromUrl(search)).toBeNull();
  });

  it('never takes credentials from the address', () => {
    expect(configFromUrl('?dicomweb=/dicom-web&user=a&password=b&token=c')?.auth).toEqual({ kind: 'none' });
  });
});

describe('studyUidsFromUrl', () => {
  it('splits a comma-separated list', () => {
    expect(studyUidsFromUrl('?dicomweb=/dicom-web&StudyInstanceUIDs=1.2.3,4.5.6')).toEqual(['1.2.3', '4.5.6']);
  });

  it('joins repeated parameters and drops duplicates, blanks and non-UIDs', () => {
    expect(studyUidsFromUrl('?StudyInstanceUIDs=1.2.3,,x.y&StudyInstanceUIDs=%201.2.3%20&studyInstanceUIDs=7.8')).toEqual(['1.2.3', '7.8']);
  });

  it('gives an empty list when no study is named', () => {
    expect(studyUidsFromUrl('?dicomweb=/dicom-web')).toEqual([]);
  });
});

describe('isUid', () => {
  it.each([
    ['1.2.840.10008.5.1.4.1.1.2', true],
    ['2.25.177836117083755136623767616715800049430', true],
    ['1', true],
    ['', false],
    ['1..2', false],
    ['1.2.', false],
    ['1.2/../3', false],
    ['1.' + '2'.repeat(63), false],
  ])('says %j is a UID: %s', (text, expected) => {
    expect(isUid(text)).toBe(expected);
  });
});

describe('authHeader', () => {
  it('gives no header without credentials', () => {
    expect(authHeader(configForRoot('/dicom-web'))).toBeNull();
  });

  it('encodes user and password for basic authentication', () => {
    expect(authHeader(configForRoot('/dw', { kind: 'basic', user: 'alice', password: 'secret' }))).toBe('Basic YWxpY2U6c2VjcmV0');
  });

  it('encodes non-ASCII credentials as UTF-8', () => {
    const header = authHeader(configForRoot('/dw', { kind: 'basic', user: 'jörg', password: 'pässwort' }));
    expect(Buffer.from(header!.slice('Basic '.length), 'base64').toString('utf8')).toBe('jörg:pässwort');
  });

  it('sends a bearer token as it is', () => {
    expect(authHeader(configForRoot('/dw', { kind: 'bearer', token: 'abc.def' }))).toBe('Bearer abc.def');
  });
});

describe('configForRoot', () => {
  it('uses one root for all three services and keeps a time limit', () => {
    expect(configForRoot('http://127.0.0.1:8042/dicom-web/', { kind: 'none' }, 5000)).toEqual({
      qidoRoot: 'http://127.0.0.1:8042/dicom-web',
      wadoRoot: 'http://127.0.0.1:8042/dicom-web',
      stowRoot: 'http://127.0.0.1:8042/dicom-web',
      auth: { kind: 'none' },
      timeoutMs: 5000,
    });
  });
});
