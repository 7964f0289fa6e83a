import type { InstanceMeta } from '../../viewer/loading/instanceMeta';

/** A calibrated sagittal CT slice's metadata for tests that need open instances; override what the test is about. */
export function testInstanceMeta(overrides: Partial<InstanceMeta> = {}): InstanceMeta {
  return {
    fileName: 'slice.dcm', sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '1.2.3.100',
    transferSyntaxUID: '1.2.840.10008.1.2.1', kind: 'image', patientName: 'PHANTOM^SPINE', patientId: 'P1', patientBirthDate: '',
    patientSex: '', studyId: '', referringPhysicianName: '', studyInstanceUID: '1.2.3', studyDate: '20260915', studyTime: '',
    studyDescription: 'CT SPINE', accessionNumber: '', seriesInstanceUID: '1.2.3.4', seriesNumber: 1, seriesDescription: 'SAG',
    modality: 'CT', instanceNumber: 1, frameOfReferenceUID: '1.2.3.9', rows: 64, columns: 64, numberOfFrames: 1,
    frames: [{ positionMm: [0, 0, 0], orientation: [0, 1, 0, 0, 0, -1] }],
    pixelSpacingMm: [1, 1], imagerPixelSpacingMm: null, calibration: 'calibrated', sliceThicknessMm: 1, windowCenter: null,
    windowWidth: null, photometricInterpretation: 'MONOCHROME2', hasPixelData: true,
    ...overrides,
  };
}
