import { describe, expect, it } from 'vitest';
import type { LoadedInstance } from '../../viewer/loading/grouping';
import type { InstanceMeta } from '../../viewer/loading/instanceMeta';
import { imageReferenceOf } from '../../viewer/model/imageReference';
import type { VertebraMeasurement } from '../../viewer/model/measurements';
import { resolvePendingImages, restoreSavedStudy, savedStudyOf } from '../../viewer/model/savedStudy';

/** One file of the study: a single-frame slice, or the 3-frame instance "multi". */
interface StudyFile {
  sopInstanceUID: string;
  frames: number;
}
const FILES: StudyFile[] = [
  { sopInstanceUID: '1.2.3.101', frames: 1 },
  { sopInstanceUID: '1.2.3.102', frames: 1 },
  { sopInstanceUID: '1.2.3.multi', frames: 3 },
  { sopInstanceUID: '1.2.3.104', frames: 1 },
];

function meta(file: StudyFile): InstanceMeta {
  return {
    fileName: `${file.sopInstanceUID}.dcm`, sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: file.sopInstanceUID,
    transferSyntaxUID: '1.2.840.10008.1.2.1', kind: 'image', patientName: 'PHANTOM^SPINE', patientId: 'P1', patientBirthDate: '',
    patientSex: '', studyId: '', referringPhysicianName: '', studyInstanceUID: '1.2.3', studyDate: '20260915', studyTime: '',
    studyDescription: 'CT SPINE', accessionNumber: '', seriesInstanceUID: '1.2.3.4', seriesNumber: 1, seriesDescription: 'SAG',
    modality: 'CT', instanceNumber: 1, frameOfReferenceUID: '1.2.3.9', rows: 64, columns: 64, numberOfFrames: file.frames,
    frames: Array.from({ length: file.frames }, (_, i) => ({ positionMm: [i, 0, 0] as [number, number, number], orientation: [0, 1, 0, 0, 0, -1] as [number, number, number, number, number, number] })),
    pixelSpacingMm: [1, 1], imagerPixelSpacingMm: null, calibration: 'calibrated', sliceThicknessMm: 1, windowCenter: null,
    windowWidth: null, photometricInterpretation: 'MONOCHROME2', hasPixelData: true,
  };
}

/** A session that opened the files in the given order: image ids are numbered by opening order, as dicomfile:N is. */
function openInOrder(order: readonly number[]): LoadedInstance[] {
  let next = 0;
  return order.map((index) => {
    const file = FILES[index]!;
    return { meta: meta(file), imageIds: Array.from({ length: file.frames }, () => `dicomfile:${next++}`) };
  });
}

function vertebra(id: string, level: VertebraMeasurement['level'], referencedImageId: string | null): VertebraMeasurement {
  return {
    id, studyKey: '1.2.3', seriesKey: '1.2.3.4', frameOfReferenceUID: '1.2.3.9', level, calibrated: true,
    points: { anteriorSuperior: [0, -15, 20], anteriorInferior: [0, -15, 0], middleSuperior: [0, 0, 20], middleInferior: [0, 0, 0], posteriorSuperior: [0, 15, 25], posteriorInferior: [0, 15, 0] },
    viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], referencedImageId,
  };
}

describe('autosave records', () => {
  const first = openInOrder([0, 1, 2, 3]);
  const measured = [
    vertebra('a', 'L1', first[0]!.imageIds[0]!),
    vertebra('b', 'L2', first[2]!.imageIds[2]!),
    vertebra('c', 'L3', first[3]!.imageIds[0]!),
    vertebra('d', 'L4', null),
  ];
  const record = savedStudyOf('1.2.3', measured, first, new Date('2026-12-01T12:00:00Z'));

  it('name each image by SOP Instance UID and frame, never by the session-bound image id', () => {
    expect(record.measurements.map((m) => m.referencedImage)).toEqual([
      { sopInstanceUID: '1.2.3.101', frameNumber: null },
      { sopInstanceUID: '1.2.3.multi', frameNumber: 3 },
      { sopInstanceUID: '1.2.3.104', frameNumber: null },
      null,
    ]);
    expect(JSON.stringify(record)).not.toContain('dicomfile:');
  });

  it('put every vertebra back on its image when the files are reopened in another order', () => {
    const reopened = openInOrder([3, 2, 1, 0]);
    const restored = restoreSavedStudy(JSON.parse(JSON.stringify(record)), reopened);
    expect(restored?.pendingImages.size).toBe(0);
    const byId = new Map(restored!.measurements.map((m) => [m.id, m]));
    for (const original of measured) {
      const back = byId.get(original.id)!;
      const before = original.referencedImageId === null ? null : imageReferenceOf(first, original.referencedImageId);
      const after = back.referencedImageId === null ? null : imageReferenceOf(reopened, back.referencedImageId);
      expect(after).toEqual(before);
      expect(back.points).toEqual(original.points);
    }
    // The same image has another id in the second session: the old id would have named another image.
    expect(byId.get('a')!.referencedImageId).not.toBe(measured[0]!.referencedImageId);
  });

  it('tie a vertebra to its image once the file holding it has arrived', () => {
    const partly = openInOrder([3, 0]);
    const restored = restoreSavedStudy(record, partly)!;
    expect([...restored.pendingImages.keys()]).toEqual(['b']);
    expect(restored.measurements.find((m) => m.id === 'b')!.referencedImageId).toBeNull();
    const all = openInOrder([3, 0, 1, 2]);
    const resolved = resolvePendingImages(restored.pendingImages, all);
    expect(imageReferenceOf(all, resolved.get('b')!)).toEqual({ sopInstanceUID: '1.2.3.multi', frameNumber: 3 });
  });

  it('keep a pending reference when the study is saved again before its file arrives', () => {
    const partly = openInOrder([3, 0]);
    const restored = restoreSavedStudy(record, partly)!;
    const again = savedStudyOf('1.2.3', restored.measurements, partly, new Date(), restored.pendingImages);
    expect(again.measurements.find((m) => m.id === 'b')!.referencedImage).toEqual({ sopInstanceUID: '1.2.3.multi', frameNumber: 3 });
  });

  it('drop the image ties of a version-1 record (a past session\'s ids), keeping points and plane', () => {
    const legacy = { studyKey: '1.2.3', recordVersion: 1, savedAt: '', measurements: measured };
    const restored = restoreSavedStudy(legacy, openInOrder([3, 2, 1, 0]))!;
    expect(restored.measurements.map((m) => m.referencedImageId)).toEqual([null, null, null, null]);
    expect(restored.measurements.map((m) => m.points)).toEqual(measured.map((m) => m.points));
  });

  it('keep the hidden first reading of a blinded repeat reading, and ignore one that names vertebrae the record lacks', () => {
    const blinded = savedStudyOf('1.2.3', measured, first, new Date(), new Map(), { seriesKey: 'S', firstIds: ['a'] });
    expect(restoreSavedStudy(blinded, first)!.blindedReading).toEqual({ seriesKey: 'S', firstIds: ['a'] });
    expect(restoreSavedStudy(record, first)!.blindedReading).toBeNull();
    for (const bad of [{ seriesKey: 'S', firstIds: ['nope'] }, { seriesKey: 'S', firstIds: [] }, { firstIds: ['a'] }, 'a']) {
      expect(restoreSavedStudy({ ...blinded, blindedReading: bad }, first)!.blindedReading).toBeNull();
    }
  });

  it.each([[null], [{ recordVersion: 3, measurements: [] }], [{ recordVersion: 2 }]])('leave %j alone rather than misread it', (stored) => {
    expect(restoreSavedStudy(stored, first)).toBeNull();
  });
});
