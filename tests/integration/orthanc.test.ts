import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDicomWebPlugin, findOrthancBinary, startOrthanc, stopByPidFile, type RunningOrthanc } from '../../scripts/pacs/orthanc';
import { uploadFiles, type UploadReport } from '../../scripts/pacs/upload';
import type { Manifest, ManifestSeries, ManifestStudy } from '../../sample-data/groundTruth';
import { retrieveInstance, retrieveSeriesMetadata, searchSeries, searchStudies, storeInstances } from '../../viewer/dicomweb/client';
import { configForRoot, type DicomWebAuth, type DicomWebConfig } from '../../viewer/dicomweb/config';
import { TAG, stringValue } from '../../viewer/dicomweb/dicomJson';
import type { DicomWebError } from '../../viewer/dicomweb/errors';
import { readPart10Header } from '../../viewer/dicomweb/part10';
import { at } from '../../measurement/testing/results';
import type { Result } from '../../viewer/dicomweb/result';
import { sampleManifest, sampleSeries, sampleStudy, seriesFiles } from './sampleStudies';

/**
 * The DICOMweb client and the pacs scripts against a real Orthanc (Debian packages orthanc + orthanc-dicomweb),
 * started on a free loopback port with its own storage and always stopped in afterAll.
 */
const installed = findOrthancBinary() !== null && findDicomWebPlugin() !== null;
const skip = !installed && !process.env.CI;
if (skip) {
  console.warn('Skipping the Orthanc integration tests: Orthanc is not installed (install Debian packages orthanc and orthanc-dicomweb). In CI they fail instead.');
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function errorOf<T>(result: Result<T>): DicomWebError {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

function sopInstanceUid(path: string): string {
  const header = readPart10Header(new Uint8Array(readFileSync(path)));
  if (!header.ok) throw new Error(`${path}: ${header.reason}`);
  return header.value.sopInstanceUID;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe.skipIf(skip)('the DICOMweb client against a real Orthanc', () => {
  let manifest: Manifest;
  let baseline: ManifestStudy;
  let radiograph: ManifestStudy;
  let mr: ManifestSeries;
  let storageDir: string;
  let orthanc: RunningOrthanc | null = null;
  let config: DicomWebConfig;
  let firstUpload: UploadReport;

  beforeAll(async () => {
    manifest = sampleManifest();
    baseline = sampleStudy(manifest, 'baseline');
    radiograph = sampleStudy(manifest, 'radiograph');
    mr = sampleSeries(baseline, 'mr');
    storageDir = mkdtempSync(join(tmpdir(), 'vhv-orthanc-storage-'));
    const started = await timed(() => startOrthanc({ storageDir }));
    orthanc = started.value;
    console.log(`Orthanc started in ${started.ms.toFixed(0)} ms on ${orthanc.url}`);
    config = configForRoot(orthanc.dicomWebRoot);
    const files = [...seriesFiles(mr), ...seriesFiles(sampleSeries(radiograph, 'lateral'))];
    firstUpload = await uploadFiles(orthanc.dicomWebRoot, files);
    console.log(`uploaded ${firstUpload.files} files in ${firstUpload.requests} requests, ${firstUpload.elapsedMs.toFixed(0)} ms`);
  });

  afterAll(async () => {
    await orthanc?.stop();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  it('stores the MR series and the radiograph by STOW-RS: 16 objects, none refused', () => {
    expect(firstUpload).toMatchObject({ files: 16, stored: 16, failed: [], requests: 1 });
  });

  it('finds both phantom studies by a patient name with a wildcard', async () => {
    const studies = valueOf(await searchStudies(config, { patientName: 'PHANTOM*' }));
    expect(studies.map((study) => study.studyInstanceUID).sort()).toEqual([baseline.studyInstanceUID, radiograph.studyInstanceUID].sort());
  });

  it('matches a name without a wildcard exactly, so a family name alone finds nothing', async () => {
    expect(valueOf(await searchStudies(config, { patientName: 'PHANTOM' }))).toEqual([]);
  });

  it.each([['PHANTOM^SPINE'], ['PHANTOM^SPIN?'], ['PHANTOM^*'], ['*SPINE']])('finds both studies by the name %s', async (patientName) => {
    expect(valueOf(await searchStudies(config, { patientName }))).toHaveLength(2);
  });

  it('finds studies by patient id', async () => {
    expect(valueOf(await searchStudies(config, { patientId: 'PHANTOM-0001' }))).toHaveLength(2);
    expect(valueOf(await searchStudies(config, { patientId: 'NOBODY' }))).toEqual([]);
  });

  it.each([
    ['20260901', '20260912', 'radiograph'],
    ['20260913', '20260930', 'baseline'],
    ['20260910', '', 'radiograph and baseline'],
    ['', '20260909', 'none'],
  ])('finds studies from %s to %s: %s', async (from, to, expected) => {
    const studies = valueOf(await searchStudies(config, { studyDateFrom: from, studyDateTo: to }));
    const keys = studies.map((study) => manifest.studies.find((entry) => entry.studyInstanceUID === study.studyInstanceUID)?.key).sort();
    const wanted = expected === 'none' ? [] : expected.split(' and ').sort();
    expect(keys).toEqual(wanted);
  });

  it('finds studies by modality', async () => {
    expect(valueOf(await searchStudies(config, { modality: 'MR' })).map((study) => study.studyInstanceUID)).toEqual([baseline.studyInstanceUID]);
    expect(valueOf(await searchStudies(config, { modality: 'CR' })).map((study) => study.studyInstanceUID)).toEqual([radiograph.studyInstanceUID]);
  });

  it('pages through results with limit and offset', async () => {
    const first = valueOf(await searchStudies(config, { patientName: 'PHANTOM*', limit: 1 }));
    const second = valueOf(await searchStudies(config, { patientName: 'PHANTOM*', limit: 1, offset: 1 }));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(at(first, 0).studyInstanceUID).not.toBe(at(second, 0).studyInstanceUID);
  });

  it('summarises a study with its patient, description, modalities and instance count', async () => {
    const [study] = valueOf(await searchStudies(config, { modality: 'MR' }));
    expect(study).toMatchObject({
      patientName: 'PHANTOM^SPINE',
      patientId: 'PHANTOM-0001',
      studyDate: baseline.studyDate,
      studyDescription: baseline.description,
      modalities: ['MR'],
      instanceCount: mr.files.length,
    });
  });

  it('lists the series of a study, and filters them by modality', async () => {
    const series = valueOf(await searchSeries(config, baseline.studyInstanceUID));
    expect(series).toEqual([expect.objectContaining({ seriesInstanceUID: mr.seriesInstanceUID, modality: 'MR', seriesDescription: mr.description, instanceCount: 15 })]);
    expect(valueOf(await searchSeries(config, baseline.studyInstanceUID, { modality: 'CT' }))).toEqual([]);
  });

  it('retrieves the metadata of every uploaded instance of the MR series', async () => {
    const instances = valueOf(await retrieveSeriesMetadata(config, baseline.studyInstanceUID, mr.seriesInstanceUID));
    const uids = instances.map((instance) => stringValue(instance, TAG.SOPInstanceUID)).sort();
    expect(uids).toEqual(seriesFiles(mr).map(sopInstanceUid).sort());
  });

  it('reports a series that is not on the PACS as not found', async () => {
    expect(errorOf(await retrieveSeriesMetadata(config, baseline.studyInstanceUID, '1.2.3.4.5')).kind).toBe('not-found');
  });

  it('retrieves an instance as the same DICOM file that was uploaded', async () => {
    const path = at(seriesFiles(mr), 7);
    const bytes = valueOf(await retrieveInstance(config, baseline.studyInstanceUID, mr.seriesInstanceUID, sopInstanceUid(path)));
    expect(new TextDecoder().decode(bytes.subarray(128, 132))).toBe('DICM');
    expect(Buffer.from(bytes).equals(readFileSync(path))).toBe(true);
  });

  it('stores a duplicate again without error and without a second copy', async () => {
    const path = at(seriesFiles(mr), 0);
    expect(valueOf(await storeInstances(config, [new Uint8Array(readFileSync(path))]))).toEqual({ stored: 1, failed: [] });
    expect(at(valueOf(await searchSeries(config, baseline.studyInstanceUID)), 0).instanceCount).toBe(15);
  });

  it('refuses a file that is not DICOM before Orthanc sees it', async () => {
    const outcome = valueOf(await storeInstances(config, [new TextEncoder().encode('plain text, not DICOM')]));
    expect(outcome.stored).toBe(0);
    expect(at(outcome.failed, 0).reason).toContain('not a DICOM file');
    expect(valueOf(await searchStudies(config, {}))).toHaveLength(2);
  });

  it('reports an object sent to the wrong study as not stored, with its UID and a reason', async () => {
    const path = at(seriesFiles(mr), 1);
    const outcome = valueOf(await storeInstances(config, [new Uint8Array(readFileSync(path))], '1.2.3.999'));
    expect(outcome.stored).toBe(0);
    expect(outcome.failed).toEqual([{ index: 0, sopInstanceUID: sopInstanceUid(path), reason: expect.stringContaining('failure reason 0x') }]);
  });

  it('uploads the 227-file CT baseline series in batches of 20', async () => {
    const ct = sampleSeries(baseline, 'ct');
    const report = await uploadFiles(orthanc!.dicomWebRoot, seriesFiles(ct));
    console.log(`uploaded the CT baseline: ${report.files} files in ${report.requests} requests, ${report.elapsedMs.toFixed(0)} ms`);
    expect(report).toMatchObject({ files: 227, stored: 227, failed: [], requests: 12 });
    const study = at(valueOf(await searchStudies(config, { studyDateFrom: baseline.studyDate, studyDateTo: baseline.studyDate })), 0);
    expect(study.instanceCount).toBe(242);
    expect(study.modalities.slice().sort()).toEqual(['CT', 'MR']);
  });

  it('refuses to start a second Orthanc on a port that is taken', async () => {
    await expect(startOrthanc({ httpPort: orthanc!.httpPort })).rejects.toThrow(`Port ${orthanc!.httpPort} is already in use`);
  });

  it('reports a stopped PACS as unreachable, and finds the studies again after a restart on the same storage', async () => {
    const port = orthanc!.httpPort;
    const stopped = await timed(() => orthanc!.stop());
    console.log(`Orthanc stopped in ${stopped.ms.toFixed(0)} ms`);
    orthanc = null;
    const error = errorOf(await searchStudies(config, { patientName: 'PHANTOM*' }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`The PACS at http://127.0.0.1:${port}/dicom-web could not be reached: check the address, that the server is running, and that it allows this site.`);

    const restarted = await timed(() => startOrthanc({ storageDir, httpPort: port }));
    orthanc = restarted.value;
    console.log(`Orthanc restarted in ${restarted.ms.toFixed(0)} ms`);
    const studies = valueOf(await searchStudies(config, { patientName: 'PHANTOM*' }));
    expect(studies).toHaveLength(2);
    expect(studies.find((study) => study.studyInstanceUID === baseline.studyInstanceUID)?.instanceCount).toBe(242);
  });
});

describe.skipIf(skip)('a real Orthanc that requires a user name and password', () => {
  const users = { clinician: 'correct horse' };
  let orthanc: RunningOrthanc | null = null;
  const as = (auth: DicomWebAuth) => configForRoot(orthanc!.dicomWebRoot, auth);

  beforeAll(async () => {
    orthanc = await startOrthanc({ users });
  });

  afterAll(async () => {
    await orthanc?.stop();
  });

  it('refuses a wrong password as unauthorized, with a message that says what to check', async () => {
    const error = errorOf(await searchStudies(as({ kind: 'basic', user: 'clinician', password: 'wrong' }), {}));
    expect(error).toEqual({ kind: 'unauthorized', status: 401, message: 'The PACS did not accept the credentials (HTTP 401): check user name and password.' });
  });

  it('refuses a request without credentials as unauthorized', async () => {
    expect(errorOf(await searchStudies(as({ kind: 'none' }), {})).kind).toBe('unauthorized');
  });

  it('refuses to store with wrong credentials', async () => {
    const mr = sampleSeries(sampleStudy(sampleManifest(), 'baseline'), 'mr');
    const file = new Uint8Array(readFileSync(at(seriesFiles(mr), 0)));
    expect(errorOf(await storeInstances(as({ kind: 'basic', user: 'someone', password: 'x' }), [file])).kind).toBe('unauthorized');
  });

  it('searches and stores with the right credentials', async () => {
    const auth: DicomWebAuth = { kind: 'basic', user: 'clinician', password: 'correct horse' };
    const radiograph = sampleStudy(sampleManifest(), 'radiograph');
    const report = await uploadFiles(orthanc!.dicomWebRoot, seriesFiles(sampleSeries(radiograph, 'lateral')), auth);
    expect(report.stored).toBe(1);
    const studies = valueOf(await searchStudies(as(auth), { patientName: 'PHANTOM*' }));
    expect(studies.map((study) => study.studyInstanceUID)).toEqual([radiograph.studyInstanceUID]);
  });

  it('can be stopped through its PID file', async () => {
    const { pid, pidFile, dir } = orthanc!;
    expect(await stopByPidFile(pidFile)).toBe(true);
    expect(() => process.kill(pid, 0)).toThrow();
    await orthanc!.stop();
    orthanc = null;
    expect(existsSync(dir)).toBe(false);
  });
});
