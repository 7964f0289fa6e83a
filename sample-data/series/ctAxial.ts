import { missingValue } from '../elementAt';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spine } from '../anatomy';
import { encodePart10, formatDs } from '../dicomWriter';
import { CT_SLICE_SPACING_MM, ctSlicePlane, PHANTOM_CT_GRID, type CtGeometry, type CtGrid } from '../geometry';
import { rasterizePlane } from '../rasterize';
import { buildScene } from '../scene';
import { sharedAttributes, type SeriesInfo, type StudyInfo } from '../studies';
import { CT_HU, tissueLookup } from '../tissue';
import { deterministicUid } from '../uids';
import { createImageNoise } from './noise';

/** Stored = HU + 1024 on 12 bits, so −1024 … 3071 HU; RescaleIntercept −1024 undoes it. */
export const CT_RESCALE_INTERCEPT = -1024;
const CT_MAX_STORED = 4095;
/** Noise σ, HU: mild, like a bone-kernel scan at a generous dose. */
export const CT_NOISE_SIGMA_HU = 15;

export interface CtSeriesRequest {
  readonly outDir: string;
  /** Folder under outDir, e.g. 'baseline/ct'; also the seed of the SOP instance UIDs and of the noise. */
  readonly relativeDir: string;
  readonly study: StudyInfo;
  readonly series: SeriesInfo;
  readonly spine: Spine;
  readonly geometry: CtGeometry;
  /** The slices' in-plane grid: the phantom's (PHANTOM_CT_GRID) unless given. */
  readonly grid?: CtGrid;
  /** Integer noise with σ = CT_NOISE_SIGMA_HU (see createNoiseTable). */
  readonly noiseTable: Int16Array;
  /** Called with each slice's tissue map before noise, e.g. to build the lateral projection. */
  readonly onSlice?: (index: number, tissue: Uint8Array) => void;
}

/** Writes one axial CT series, instance 1 at the top; returns the file paths relative to outDir. */
export function writeCtSeries(request: CtSeriesRequest): string[] {
  const { outDir, relativeDir, study, series, spine, geometry, grid = PHANTOM_CT_GRID } = request;
  mkdirSync(join(outDir, relativeDir), { recursive: true });
  const scene = buildScene(spine);
  const huOf = tissueLookup(CT_HU);
  const addNoise = createImageNoise(request.noiseTable, `noise/${relativeDir}`);
  const shared = {
    ...sharedAttributes(study, series),
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    PatientPosition: 'HFS',
    BodyPartExamined: 'SPINE',
    KVP: '120',
    SliceThickness: formatDs(CT_SLICE_SPACING_MM),
    ReconstructionDiameter: formatDs(grid.matrix * grid.pixelSpacingMm),
    ConvolutionKernel: 'BONE',
    AcquisitionNumber: 1,
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    PixelSpacing: [formatDs(grid.pixelSpacingMm), formatDs(grid.pixelSpacingMm)],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: grid.matrix,
    Columns: grid.matrix,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    WindowCenter: '500',
    WindowWidth: '2000',
    WindowCenterWidthExplanation: 'BONE',
    RescaleIntercept: formatDs(CT_RESCALE_INTERCEPT),
    RescaleSlope: '1',
    RescaleType: 'HU',
  };
  const tissue = new Uint8Array(grid.matrix * grid.matrix);
  const hu = new Int16Array(grid.matrix * grid.matrix);
  const stored = new Uint16Array(grid.matrix * grid.matrix);
  const files: string[] = [];
  for (let index = 0; index < geometry.sliceCount; index += 1) {
    const plane = ctSlicePlane(geometry, index, grid);
    rasterizePlane(scene, plane, tissue);
    request.onSlice?.(index, tissue);
    for (let i = 0; i < tissue.length; i += 1) {
      const t = tissue[i];
      const value = t === undefined ? undefined : huOf[t];
      if (value === undefined) missingValue('HU of the tissue of pixel', i, tissue.length);
      hu[i] = value;
    }
    addNoise(hu, -CT_RESCALE_INTERCEPT, CT_MAX_STORED, stored);
    const zMm = plane.originMm[2];
    const dataset = {
      ...shared,
      SOPInstanceUID: deterministicUid(`${relativeDir}/${index + 1}`),
      InstanceNumber: index + 1,
      ImagePositionPatient: plane.originMm.map(formatDs),
      SliceLocation: formatDs(zMm),
    };
    const file = `${relativeDir}/CT${String(index + 1).padStart(6, '0')}.dcm`;
    writeFileSync(join(outDir, file), encodePart10(dataset, stored));
    files.push(file);
  }
  return files;
}
