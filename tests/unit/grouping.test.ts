import { describe, expect, it } from 'vitest';
import { groupInstances, type LoadedInstance, type PatientGroup, type SeriesGroup } from '../../viewer/loading/grouping';
import { planDisplay } from '../../viewer/model/displayPlan';
import type { InstanceMeta, Orientation6 } from '../../viewer/loading/instanceMeta';
import { at } from '../../measurement/testing/results';

/** The first series of the first study of the first patient; the test fails, naming the index, when there is none. */
function firstSeries(patients: readonly PatientGroup[]): SeriesGroup {
  return at(at(at(patients, 0).studies, 0).series, 0);
}

let counter = 0;
function instance(overrides: Partial<InstanceMeta> = {}, position: [number, number, number] = [0, 0, counter], orientation: Orientation6 = [1, 0, 0, 0, 1, 0]): LoadedInstance {
  counter++;
  const meta: InstanceMeta = {
    fileName: `f${counter}.dcm`,
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
    sopInstanceUID: `1.2.3.${counter}`,
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    kind: 'image',
    patientName: 'PHANTOM^SPINE',
    patientId: 'P1',
    patientBirthDate: '',
    patientSex: '',
    studyId: '',
    referringPhysicianName: '',
    studyInstanceUID: '1.2.3',
    studyDate: '20260915',
    studyTime: '',
    studyDescription: 'CT SPINE',
    accessionNumber: '',
    seriesInstanceUID: '1.2.3.4',
    seriesNumber: 1,
    seriesDescription: 'AXIAL',
    modality: 'CT',
    instanceNumber: counter,
    frameOfReferenceUID: '1.2.3.9',
    rows: 512,
    columns: 512,
    numberOfFrames: 1,
    frames: [{ positionMm: position, orientation }],
    pixelSpacingMm: [0.7, 0.7],
    imagerPixelSpacingMm: null,
    calibration: 'calibrated',
    sliceThicknessMm: 1,
    windowCenter: null,
    windowWidth: null,
    photometricInterpretation: 'MONOCHROME2',
    hasPixelData: true,
    ...overrides,
  };
  return { meta, imageIds: [`dicomfile:${counter}`] };
}

describe('groupInstances', () => {
  it('groups patient → study → series, studies by date and series by number', () => {
    const patients = groupInstances([
      instance({ studyInstanceUID: 'S2', studyDate: '20261027', seriesInstanceUID: 'B' }),
      instance({ studyInstanceUID: 'S1', seriesInstanceUID: 'A2', seriesNumber: 2 }),
      instance({ studyInstanceUID: 'S1', seriesInstanceUID: 'A1', seriesNumber: 1 }),
      instance({ studyInstanceUID: 'S1', seriesInstanceUID: 'A1', seriesNumber: 1 }),
    ]);
    expect(patients).toHaveLength(1);
    expect(at(patients, 0).studies.map((s) => s.studyInstanceUID)).toEqual(['S1', 'S2']);
    expect(at(at(patients, 0).studies, 0).series.map((s) => [s.key, s.imageCount])).toEqual([['A1', 2], ['A2', 1]]);
  });

  it('lists an SR as a non-image series', () => {
    const series = firstSeries(groupInstances([instance({ kind: 'sr', seriesInstanceUID: 'SR', hasPixelData: false, modality: 'SR' })]));
    expect(series.kind).toBe('sr');
    expect(series.imageCount).toBe(0);
  });

  it('keeps files with empty Study/Series UIDs together when everything else matches', () => {
    const patients = groupInstances([instance({ studyInstanceUID: '', seriesInstanceUID: '' }), instance({ studyInstanceUID: '', seriesInstanceUID: '' })]);
    expect(at(patients, 0).studies).toHaveLength(1);
    expect(firstSeries(patients).imageCount).toBe(2);
  });

  it('does not count the same SOP instance twice when a file is opened again', () => {
    const a = instance();
    const patients = groupInstances([a, { ...a, imageIds: ['dicomfile:999'] }]);
    expect(firstSeries(patients).imageCount).toBe(1);
  });

  it('counts every frame of a multi-frame object', () => {
    const multi = instance({ numberOfFrames: 3 });
    const patients = groupInstances([{ ...multi, imageIds: ['a&frame=1', 'a&frame=2', 'a&frame=3'] }]);
    expect(firstSeries(patients).imageCount).toBe(3);
  });
});

describe('planDisplay', () => {
  const seriesOf = (instances: LoadedInstance[]) => firstSeries(groupInstances(instances));

  it('shows a regular axial CT as three reformats, sagittal first', () => {
    const plan = planDisplay(seriesOf([0, 1, 2, 3].map((z) => instance({ seriesInstanceUID: 'AX' }, [0, 0, z]))));
    expect(plan.mode).toBe('mpr');
    expect(plan.viewports.map((v) => v.orientation)).toEqual(['sagittal', 'axial', 'coronal']);
    expect(plan.calibrated).toBe(true);
  });

  it('shows a native sagittal MR as a sagittal stack', () => {
    const sag: Orientation6 = [0, 1, 0, 0, 0, -1];
    const plan = planDisplay(seriesOf([0, 3.5, 7].map((x) => instance({ seriesInstanceUID: 'SAG', modality: 'MR' }, [x, 0, 0], sag))));
    expect(plan.mode).toBe('stack');
    expect(plan.viewports).toEqual([expect.objectContaining({ orientation: 'sagittal', kind: 'stack' })]);
  });

  it('shows an irregular axial series as an axial stack and says why', () => {
    const plan = planDisplay(seriesOf([0, 1, 3, 4].map((z) => instance({ seriesInstanceUID: 'IRR' }, [0, 0, z]))));
    expect(plan.mode).toBe('stack');
    expect(at(plan.viewports, 0).orientation).toBe('axial');
    expect(plan.notes.join(' ')).toMatch(/irregular/);
  });

  it('names each file whose image size differs from the rest of its series', () => {
    const plan = planDisplay(seriesOf([
      instance({ seriesInstanceUID: 'MIX', fileName: 'a.dcm' }, [0, 0, 0]),
      instance({ seriesInstanceUID: 'MIX', fileName: 'b.dcm' }, [0, 0, 1]),
      instance({ seriesInstanceUID: 'MIX', fileName: 'small.dcm', rows: 256, columns: 256 }, [0, 0, 2]),
    ]));
    expect(plan.mode).toBe('stack');
    expect(plan.fileNotes).toEqual([{ fileName: 'small.dcm', message: expect.stringMatching(/256×256 differs .*512×512/) }]);
  });

  it('leaves a localizer out of the reformats of an axial series, and says so', () => {
    const axial = [0, 1, 2, 3].map((z) => instance({ seriesInstanceUID: 'LOC' }, [0, 0, z]));
    const localizer = instance({ seriesInstanceUID: 'LOC', fileName: 'scout.dcm', rows: 512, columns: 1024 }, [0, -200, 50], [0, 1, 0, 0, 0, -1]);
    const plan = planDisplay(seriesOf([localizer, ...axial]));
    expect(plan.mode).toBe('mpr');
    expect(plan.imageIds).toHaveLength(4);
    expect(plan.notes.join(' ')).toMatch(/1 image\(s\) of another orientation or size/);
    expect(plan.fileNotes).toEqual([{ fileName: 'scout.dcm', message: expect.stringMatching(/localizer/) }]);
  });

  it('marks a radiograph with ImagerPixelSpacing only as uncalibrated, shown in its acquisition plane', () => {
    const plan = planDisplay(seriesOf([instance({ seriesInstanceUID: 'DX', modality: 'DX', pixelSpacingMm: null, imagerPixelSpacingMm: [0.2, 0.2], calibration: 'detector', frames: [{ positionMm: null, orientation: null }] })]));
    expect(plan.calibrated).toBe(false);
    expect(at(plan.viewports, 0).orientation).toBe('acquisition');
    expect(plan.notes.join(' ')).toMatch(/uncalibrated/);
  });
});
