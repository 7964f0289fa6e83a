import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import { formatDs, type NaturalDataset } from '../../sample-data/dicomWriter';
import { deterministicUid } from '../../sample-data/uids';
import { encodePart10 } from '../bench/peer/part10';

/**
 * A phantom series (sample-data/output/) written again as one enhanced multi-frame object, as Philips and Siemens MR
 * and newer CT scanners send a series: Enhanced CT Image Storage or Enhanced MR Image Storage, Explicit VR Little
 * Endian, every slice a frame, each frame's position in the Per-frame Functional Groups (Plane Position), the
 * orientation shared, the rescale and window only in the Pixel Value Transformation and Frame VOI LUT functional groups
 * (PS3.3 C.7.6.16.2.9–10; none at the top level, as the IODs have them), a Stack ID / In-Stack Position dimension.
 * The CT's pixel measures are shared and its frames interleaved (the even slices, then the odd ones); the MR's pixel
 * measures are in every frame's own group and its frames in the slices' order: between them, both places and both
 * orders a scanner uses. dciodvfy (dicom3tools) reports neither an error nor a warning on either object. Written into
 * a test's temporary folder at run time; nothing is committed.
 */

/** Enhanced CT Image Storage (PS3.4 §B.5). */
export const ENHANCED_CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2.1';
/** Enhanced MR Image Storage (PS3.4 §B.5). */
export const ENHANCED_MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4.1';

/** `npm run sample`'s output (read here without the browser harness, so that node tests can write these objects too). */
const SAMPLE_OUTPUT = fileURLToPath(new URL('../../sample-data/output', import.meta.url));

/** The study both enhanced objects belong to: UIDs derive from this key. */
const STUDY_KEY = 'e2e/enhanced-multiframe';

/** The written object: its UIDs and file. */
export interface EnhancedObject {
  readonly path: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly frameCount: number;
  /** Each frame's ImagePositionPatient (LPS mm), in frame order (frame n at index n − 1). */
  readonly framePositionsMm: ReadonlyArray<readonly [number, number, number]>;
  readonly rows: number;
  readonly columns: number;
  /** The stored value of pixel (row, column) of frame `frame` (1-based); the modality value is it × slope + intercept. */
  readonly storedAt: (frame: number, row: number, column: number) => number;
  readonly rescale: { readonly intercept: number; readonly slope: number };
}

/** One slice of a phantom series as stored, with what the enhanced object copies from it. */
interface PhantomSlice {
  readonly ds: dicomParser.DataSet;
  readonly positionMm: [number, number, number];
  readonly stored: Uint16Array;
  readonly rows: number;
  readonly columns: number;
}

function numbersOf(ds: dicomParser.DataSet, tag: string): number[] {
  return (ds.string(tag) ?? '').split('\\').filter((v) => v !== '').map(Number);
}

/** The phantom series' files, in the manifest's order (the CT head first, the MR right to left). */
function sampleFiles(studyKey: string, seriesKey: string): string[] {
  const manifest = JSON.parse(readFileSync(resolve(SAMPLE_OUTPUT, 'manifest.json'), 'utf8')) as {
    studies: Array<{ key: string; series: Array<{ key: string; files: string[] }> }>;
  };
  const series = manifest.studies.find((s) => s.key === studyKey)?.series.find((s) => s.key === seriesKey);
  if (!series) throw new Error(`the sample has no series ${studyKey}/${seriesKey}: run npm run sample`);
  return series.files.map((f) => resolve(SAMPLE_OUTPUT, f));
}

/** Series read already, by `study/series`: a test that writes the CT twice (whole and cropped) reads it once. */
const readSeries = new Map<string, PhantomSlice[]>();

function readSlices(studyKey: string, seriesKey: string): PhantomSlice[] {
  const key = `${studyKey}/${seriesKey}`;
  const known = readSeries.get(key);
  if (known) return known;
  const slices = sampleFiles(studyKey, seriesKey).map((path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const ds = dicomParser.parseDicom(bytes);
    const pixels = ds.elements.x7fe00010!;
    const stored = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + pixels.dataOffset, bytes.byteOffset + pixels.dataOffset + pixels.length));
    return { ds, positionMm: numbersOf(ds, 'x00200032') as [number, number, number], stored, rows: ds.uint16('x00280010')!, columns: ds.uint16('x00280011')! };
  });
  readSeries.set(key, slices);
  return slices;
}

/** The attributes copied from the phantom's first slice: patient, study (but its UID), equipment. */
function commonAttributes(first: dicomParser.DataSet): NaturalDataset {
  const s = (tag: string) => first.string(tag) ?? '';
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    StudyDate: s('x00080020'),
    SeriesDate: s('x00080021'),
    ContentDate: s('x00080023'),
    StudyTime: s('x00080030'),
    SeriesTime: s('x00080031'),
    ContentTime: s('x00080033'),
    AcquisitionDateTime: `${s('x00080023')}${s('x00080033')}`,
    AccessionNumber: 'PHAENH0001',
    Manufacturer: s('x00080070'),
    InstitutionName: s('x00080080'),
    ReferringPhysicianName: '',
    StudyDescription: 'ENHANCED MULTI-FRAME SPINE',
    ManufacturerModelName: s('x00081090'),
    PatientName: 'PHANTOM^ENHANCED',
    PatientID: 'PHANTOM-ENH',
    PatientBirthDate: s('x00100030'),
    PatientSex: s('x00100040'),
    DeviceSerialNumber: 'PHANTOM-0',
    SoftwareVersions: s('x00181020'),
    StudyInstanceUID: deterministicUid(`${STUDY_KEY}/study`),
    StudyID: 'ENH1',
    AcquisitionNumber: 1,
    FrameOfReferenceUID: s('x00200052'),
    PositionReferenceIndicator: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
    PresentationLUTShape: 'IDENTITY',
    ContentQualification: 'RESEARCH',
    PatientPosition: s('x00185100') || 'HFS',
    // The Common CT/MR Image Description macro at the image level: the frames' values, all alike.
    PixelPresentation: 'MONOCHROME',
    VolumetricProperties: 'VOLUME',
    VolumeBasedCalculationTechnique: 'NONE',
    AcquisitionContextSequence: [],
  };
}

/** What differs between the two objects. */
interface EnhancedSpec {
  readonly key: string;
  readonly sopClassUID: string;
  readonly modality: 'CT' | 'MR';
  readonly seriesNumber: number;
  readonly description: string;
  readonly imageType: readonly string[];
  /** The modality's Image Frame Type functional group (CT or MR), shared by every frame. */
  readonly frameTypeGroup: NaturalDataset;
  /** Attributes of the modality's Enhanced Image module and others only it has. */
  readonly own: NaturalDataset;
  readonly rescale: { readonly intercept: number; readonly slope: number; readonly type: string };
  readonly window: { readonly center: number; readonly width: number };
  readonly pixelRepresentation: 0 | 1;
  readonly bitsStored: number;
  /**
   * 'interleaved': the even slices' frames first, then the odd ones' (an interleaved acquisition's order), so that only
   * the frames' planes, never their numbers, put them in place; 'spatial': the slices' own order.
   */
  readonly frameOrder: 'spatial' | 'interleaved';
  /** Where Pixel Measures go: the shared group, or every frame's own (as some MR scanners write them). */
  readonly pixelMeasures: 'shared' | 'per-frame';
  /** The frames' geometry when it is not the phantom slices' own (planes resampled from them). */
  readonly geometry?: FrameGeometry;
}

/** Orientation and pixel measures of every frame. */
interface FrameGeometry {
  readonly orientation: readonly number[];
  /** PixelSpacing: between rows, then between columns, mm. */
  readonly pixelSpacingMm: readonly [number, number];
  readonly sliceThicknessMm: number;
  readonly spacingBetweenSlicesMm?: number;
}

/** The geometry a phantom slice's own attributes give. */
function geometryOf(ds: dicomParser.DataSet): FrameGeometry {
  const spacingBetweenSlicesMm = numbersOf(ds, 'x00180088')[0];
  return {
    orientation: numbersOf(ds, 'x00200037'),
    pixelSpacingMm: numbersOf(ds, 'x00280030') as [number, number],
    sliceThicknessMm: numbersOf(ds, 'x00180050')[0]!,
    ...(spacingBetweenSlicesMm === undefined ? {} : { spacingBetweenSlicesMm }),
  };
}

/** Writes the slices (in their spatial order) as one enhanced object to `path`. */
function writeEnhanced(spatial: readonly PhantomSlice[], spec: EnhancedSpec, path: string): EnhancedObject {
  // The frames' slices, each with its place in the stack (In-Stack Position Number, 1-based).
  const order = spatial.map((_, i) => i);
  const frameSlices = spec.frameOrder === 'interleaved' ? [...order.filter((i) => i % 2 === 0), ...order.filter((i) => i % 2 === 1)] : order;
  const slices = frameSlices.map((i) => spatial[i]!);
  const first = slices[0]!.ds;
  const { rows, columns } = slices[0]!;
  const seriesInstanceUID = deterministicUid(`${STUDY_KEY}/${spec.key}/series`);
  const sopInstanceUID = deterministicUid(`${STUDY_KEY}/${spec.key}/instance`);
  const dimensionOrganizationUID = deterministicUid(`${STUDY_KEY}/${spec.key}/dimension-organization`);
  const frameCount = slices.length;
  const geometry = spec.geometry ?? geometryOf(first);
  const pixelMeasures: NaturalDataset = {
    PixelMeasuresSequence: [{
      PixelSpacing: geometry.pixelSpacingMm.map(formatDs),
      SliceThickness: formatDs(geometry.sliceThicknessMm),
      ...(geometry.spacingBetweenSlicesMm === undefined ? {} : { SpacingBetweenSlices: formatDs(geometry.spacingBetweenSlicesMm) }),
    }],
  };
  const sharedGroup: NaturalDataset = {
    ...(spec.pixelMeasures === 'shared' ? pixelMeasures : {}),
    PlaneOrientationSequence: [{ ImageOrientationPatient: geometry.orientation.map(formatDs) }],
    PixelValueTransformationSequence: [{
      RescaleIntercept: formatDs(spec.rescale.intercept),
      RescaleSlope: formatDs(spec.rescale.slope),
      RescaleType: spec.rescale.type,
    }],
    FrameVOILUTSequence: [{ WindowCenter: formatDs(spec.window.center), WindowWidth: formatDs(spec.window.width) }],
    FrameAnatomySequence: [{
      AnatomicRegionSequence: [{ CodeValue: '421060004', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Spine' }],
      FrameLaterality: 'U',
    }],
    ...spec.frameTypeGroup,
  };
  const perFrame: NaturalDataset[] = slices.map((slice, n) => ({
    FrameContentSequence: [{ StackID: '1', InStackPositionNumber: frameSlices[n]! + 1, DimensionIndexValues: [1, frameSlices[n]! + 1] }],
    PlanePositionSequence: [{ ImagePositionPatient: slice.positionMm.map(formatDs) }],
    ...(spec.pixelMeasures === 'per-frame' ? pixelMeasures : {}),
  }));
  const dataset: NaturalDataset = {
    ...commonAttributes(first),
    ImageType: spec.imageType,
    SOPClassUID: spec.sopClassUID,
    SOPInstanceUID: sopInstanceUID,
    Modality: spec.modality,
    SeriesDescription: spec.description,
    SeriesInstanceUID: seriesInstanceUID,
    SeriesNumber: spec.seriesNumber,
    InstanceNumber: 1,
    NumberOfFrames: frameCount,
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: spec.bitsStored,
    HighBit: spec.bitsStored - 1,
    PixelRepresentation: spec.pixelRepresentation,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganizationUID, DimensionIndexPointer: 0x00209056, FunctionalGroupPointer: 0x00209111, DimensionDescriptionLabel: 'Stack ID' },
      { DimensionOrganizationUID: dimensionOrganizationUID, DimensionIndexPointer: 0x00209057, FunctionalGroupPointer: 0x00209111, DimensionDescriptionLabel: 'In-Stack Position' },
    ],
    SharedFunctionalGroupsSequence: [sharedGroup],
    PerFrameFunctionalGroupsSequence: perFrame,
    ...spec.own,
  };
  const frameWords = rows * columns;
  const words = new Uint16Array(frameWords * frameCount);
  slices.forEach((slice, i) => words.set(slice.stored, i * frameWords));
  writeFileSync(path, encodePart10(dataset, { kind: 'native', words }));
  return {
    path,
    studyInstanceUID: dataset.StudyInstanceUID as string,
    seriesInstanceUID,
    sopInstanceUID,
    frameCount,
    // As written (DS, six decimals at most), as a reader parses them.
    framePositionsMm: slices.map((s) => s.positionMm.map((v) => Number(formatDs(v))) as [number, number, number]),
    rows,
    columns,
    storedAt: (frame, row, column) => {
      const word = words[(frame - 1) * frameWords + row * columns + column]!;
      return spec.pixelRepresentation === 1 ? (word << 16) >> 16 : word;
    },
    rescale: { intercept: spec.rescale.intercept, slope: spec.rescale.slope },
  };
}

/**
 * A part of each slice and a range of the slices: a smaller object for a server that reads the whole object for every
 * frame it serves (Orthanc 1.10 took 3 s per frame of the whole 119 MB CT on a 2-core VM, 50 ms per frame of the 2.4 MB
 * MR). Columns and rows are counted from the slice's first; slices are kept when their position along z lies in
 * `zRangeMm` (inclusive).
 */
export interface SliceCrop {
  readonly firstColumn: number;
  readonly columns: number;
  readonly firstRow: number;
  readonly rows: number;
  readonly zRangeMm: readonly [number, number];
}

function cropSlices(slices: readonly PhantomSlice[], crop: SliceCrop): PhantomSlice[] {
  const first = slices[0]!.ds;
  const columns = first.uint16('x00280011')!;
  const [rowSpacingMm, columnSpacingMm] = numbersOf(first, 'x00280030') as [number, number];
  const orientation = numbersOf(first, 'x00200037');
  return slices
    .filter((slice) => slice.positionMm[2] >= crop.zRangeMm[0] && slice.positionMm[2] <= crop.zRangeMm[1])
    .map((slice) => {
      const stored = new Uint16Array(crop.columns * crop.rows);
      for (let row = 0; row < crop.rows; row++) {
        const from = (crop.firstRow + row) * columns + crop.firstColumn;
        stored.set(slice.stored.subarray(from, from + crop.columns), row * crop.columns);
      }
      // The first kept pixel's centre: along the row direction by columns, along the column direction by rows.
      const positionMm = slice.positionMm.map((p, i) => p + crop.firstColumn * columnSpacingMm * orientation[i]! + crop.firstRow * rowSpacingMm * orientation[3 + i]!) as [number, number, number];
      return { ds: slice.ds, positionMm, stored, rows: crop.rows, columns: crop.columns };
    });
}

/** What every Enhanced CT written here shares, from the phantom CT's first slice `first`. */
function ctSpec(first: dicomParser.DataSet): Pick<EnhancedSpec, 'sopClassUID' | 'modality' | 'imageType' | 'frameTypeGroup' | 'own' | 'rescale' | 'window' | 'pixelRepresentation' | 'bitsStored'> {
  return {
    sopClassUID: ENHANCED_CT_IMAGE_STORAGE,
    modality: 'CT',
    // DERIVED: the frames are the phantom's slices; the acquisition's own functional groups (CT Acquisition Details,
    // Exposure, Reconstruction…) are required of ORIGINAL frames only.
    imageType: ['DERIVED', 'PRIMARY', 'VOLUME', 'NONE'],
    frameTypeGroup: {
      CTImageFrameTypeSequence: [{ FrameType: ['DERIVED', 'PRIMARY', 'VOLUME', 'NONE'], PixelPresentation: 'MONOCHROME', VolumetricProperties: 'VOLUME', VolumeBasedCalculationTechnique: 'NONE' }],
      IrradiationEventIdentificationSequence: [{ IrradiationEventUID: deterministicUid(`${STUDY_KEY}/ct/irradiation`) }],
    },
    own: {},
    rescale: { intercept: Number(first.string('x00281052')), slope: Number(first.string('x00281053')), type: 'HU' },
    window: { center: Number(first.string('x00281050')), width: Number(first.string('x00281051')) },
    pixelRepresentation: 1,
    bitsStored: 16,
  };
}

/**
 * The phantom's baseline axial CT (1 mm slices, 512² at 0.7 mm, head first) as one Enhanced CT object in `dir`, or a
 * part of it (`crop`). Its pixels are the phantom's stored values as signed 16-bit words with the phantom's rescale
 * (intercept −1024 HU), so a reader that ignores the Pixel Value Transformation group reads every value 1,024 too high.
 */
export function writeEnhancedCt(dir: string, crop?: SliceCrop): EnhancedObject {
  const all = readSlices('baseline', 'ct');
  const slices = crop ? cropSlices(all, crop) : all;
  const first = all[0]!.ds;
  return writeEnhanced(slices, {
    ...ctSpec(first),
    key: crop ? 'ct-crop' : 'ct',
    seriesNumber: crop ? 21 : 20,
    description: crop ? 'ENHANCED CT SPINE AXIAL 1mm CROP' : 'ENHANCED CT SPINE AXIAL 1mm',
    frameOrder: 'interleaved',
    pixelMeasures: 'shared',
  }, join(dir, crop ? 'enhanced-ct-crop.dcm' : 'enhanced-ct.dcm'));
}

/**
 * Sagittal planes of the phantom's baseline CT, x = −7 … 7 mm (its voxel columns 246–266, 0.7 mm apart, the middle one
 * at x = 0), as one native sagittal Enhanced CT in `dir`: rows head to foot 1 mm apart, columns front to back 0.7 mm
 * apart, each voxel the CT's own (nothing resampled). Frames this close are read with their neighbours by the image
 * analysis (cornerstone/stackAnalysisImage.ts), which the MR's 3.5 mm frames are not.
 */
export function writeEnhancedSagittalCt(dir: string): EnhancedObject {
  const axial = readSlices('baseline', 'ct');
  const first = axial[0]!;
  const [rowSpacingMm, columnSpacingMm] = numbersOf(first.ds, 'x00280030') as [number, number];
  const columns = Array.from({ length: 21 }, (_, i) => 246 + i);
  const planes: PhantomSlice[] = columns.map((column) => {
    const stored = new Uint16Array(first.rows * axial.length);
    // Row r of the plane is axial slice r (head first); its column c is that slice's row c (front to back).
    axial.forEach((slice, r) => {
      for (let c = 0; c < first.rows; c++) stored[r * first.rows + c] = slice.stored[c * first.columns + column]!;
    });
    const positionMm: [number, number, number] = [first.positionMm[0] + column * columnSpacingMm, first.positionMm[1], first.positionMm[2]];
    return { ds: first.ds, positionMm, stored, rows: axial.length, columns: first.rows };
  });
  const headToFootMm = Math.abs(axial[1]!.positionMm[2] - first.positionMm[2]);
  return writeEnhanced(planes, {
    ...ctSpec(first.ds),
    key: 'ct-sagittal',
    seriesNumber: 22,
    description: 'ENHANCED CT SPINE SAG 0.7mm',
    frameOrder: 'spatial',
    pixelMeasures: 'shared',
    geometry: { orientation: [0, 1, 0, 0, 0, -1], pixelSpacingMm: [headToFootMm, rowSpacingMm], sliceThicknessMm: columnSpacingMm, spacingBetweenSlicesMm: columnSpacingMm },
  }, join(dir, 'enhanced-ct-sagittal.dcm'));
}

/** The phantom's baseline sagittal T2 MR (15 slices 3.5 mm apart) as one Enhanced MR object in `dir`. */
export function writeEnhancedMr(dir: string): EnhancedObject {
  const slices = readSlices('baseline', 'mr');
  const first = slices[0]!.ds;
  return writeEnhanced(slices, {
    key: 'mr',
    sopClassUID: ENHANCED_MR_IMAGE_STORAGE,
    modality: 'MR',
    seriesNumber: 30,
    description: 'ENHANCED MR T2 SAG',
    imageType: ['DERIVED', 'PRIMARY', 'T2', 'NONE'],
    frameTypeGroup: {
      MRImageFrameTypeSequence: [{ FrameType: ['DERIVED', 'PRIMARY', 'T2', 'NONE'], PixelPresentation: 'MONOCHROME', VolumetricProperties: 'VOLUME', VolumeBasedCalculationTechnique: 'NONE', ComplexImageComponent: 'MAGNITUDE', AcquisitionContrast: 'T2' }],
    },
    own: {
      MagneticFieldStrength: first.string('x00180087') ?? '1.5',
      ResonantNucleus: '1H',
      KSpaceFiltering: 'NONE',
      ApplicableSafetyStandardAgency: 'IEC',
      ComplexImageComponent: 'MAGNITUDE',
      AcquisitionContrast: 'T2',
    },
    rescale: { intercept: 0, slope: 1, type: 'US' },
    window: { center: Number(first.string('x00281050')), width: Number(first.string('x00281051')) },
    pixelRepresentation: 0,
    bitsStored: first.uint16('x00280101')!,
    frameOrder: 'spatial',
    pixelMeasures: 'per-frame',
  }, join(dir, 'enhanced-mr.dcm'));
}
