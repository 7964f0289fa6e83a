import { missingValue } from '../elementAt';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spine } from '../anatomy';
import { encodePart10, formatDs } from '../dicomWriter';
import {
  MR_COLUMNS,
  MR_PIXEL_SPACING_MM,
  MR_ROWS,
  MR_SLICE_COUNT,
  MR_SLICE_SPACING_MM,
  MR_SLICE_THICKNESS_MM,
  mrSlicePlane,
  type CtGeometry,
} from '../geometry';
import { rasterizePlane } from '../rasterize';
import { buildScene } from '../scene';
import { sharedAttributes, type SeriesInfo, type StudyInfo } from '../studies';
import { MR_T2_SIGNAL, tissueLookup } from '../tissue';
import { deterministicUid } from '../uids';
import { createImageNoise } from './noise';

/** Noise σ in signal units (tissue signals are 0–1800 on 12 bits). */
export const MR_NOISE_SIGMA = 20;
const MR_MAX_STORED = 4095;

export interface MrSeriesRequest {
  readonly outDir: string;
  /** Folder under outDir, e.g. 'baseline/mr'; also the seed of the SOP instance UIDs and of the noise. */
  readonly relativeDir: string;
  readonly study: StudyInfo;
  readonly series: SeriesInfo;
  readonly spine: Spine;
  /** The MR field is centred on the CT slab. */
  readonly ctGeometry: CtGeometry;
  /** Rows of each image (MR_ROWS unless given: a whole-spine field is taller). */
  readonly rows?: number;
  /** Integer noise with σ = MR_NOISE_SIGMA. */
  readonly noiseTable: Int16Array;
}

/**
 * Writes a T2-weighted turbo spin echo sagittal series, sampled at each slice's centre plane (no partial volume);
 * instance 1 is the rightmost slice. Returns the file paths relative to outDir.
 */
export function writeMrSeries(request: MrSeriesRequest): string[] {
  const { outDir, relativeDir, study, series, spine, rows = MR_ROWS } = request;
  mkdirSync(join(outDir, relativeDir), { recursive: true });
  const scene = buildScene(spine);
  const signalOf = tissueLookup(MR_T2_SIGNAL);
  const addNoise = createImageNoise(request.noiseTable, `noise/${relativeDir}`);
  const shared = {
    ...sharedAttributes(study, series),
    ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
    PatientPosition: 'HFS',
    BodyPartExamined: 'SPINE',
    ScanningSequence: 'SE',
    SequenceVariant: 'SK',
    ScanOptions: '',
    MRAcquisitionType: '2D',
    SequenceName: '*tse2d1_15',
    SliceThickness: formatDs(MR_SLICE_THICKNESS_MM),
    SpacingBetweenSlices: formatDs(MR_SLICE_SPACING_MM),
    RepetitionTime: '3500',
    EchoTime: '95',
    EchoTrainLength: 15,
    NumberOfAverages: '2',
    ImagingFrequency: '63.68',
    ImagedNucleus: '1H',
    MagneticFieldStrength: '1.5',
    FlipAngle: '150',
    AcquisitionNumber: 1,
    ImageOrientationPatient: ['0', '1', '0', '0', '0', '-1'],
    PixelSpacing: [formatDs(MR_PIXEL_SPACING_MM), formatDs(MR_PIXEL_SPACING_MM)],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: MR_COLUMNS,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: '800',
    WindowWidth: '1600',
  };
  const tissue = new Uint8Array(rows * MR_COLUMNS);
  const signal = new Int16Array(rows * MR_COLUMNS);
  const stored = new Uint16Array(rows * MR_COLUMNS);
  const files: string[] = [];
  for (let index = 0; index < MR_SLICE_COUNT; index += 1) {
    const plane = mrSlicePlane(request.ctGeometry, index, rows);
    rasterizePlane(scene, plane, tissue);
    for (let i = 0; i < tissue.length; i += 1) {
      const t = tissue[i];
      const value = t === undefined ? undefined : signalOf[t];
      if (value === undefined) missingValue('T2 signal of the tissue of pixel', i, tissue.length);
      signal[i] = value;
    }
    addNoise(signal, 0, MR_MAX_STORED, stored);
    const dataset = {
      ...shared,
      SOPInstanceUID: deterministicUid(`${relativeDir}/${index + 1}`),
      InstanceNumber: index + 1,
      ImagePositionPatient: plane.originMm.map(formatDs),
      SliceLocation: formatDs(plane.originMm[0]),
    };
    const file = `${relativeDir}/MR${String(index + 1).padStart(6, '0')}.dcm`;
    writeFileSync(join(outDir, file), encodePart10(dataset, stored));
    files.push(file);
  }
  return files;
}
