/**
 * Measurement reports built the way OHIF 3.13 (cornerstone3D's SR adapters over dcmjs) writes them: an Enhanced SR
 * (TID 1500) with one measurement group per tool, tracking identifier `Cornerstone3DTools@^0.1.0:<Tool>`, its NUMs
 * INFERRED FROM a 2-D SCOORD on one image (column/row in pixels, (0, 0) the top-left corner of the image).
 * Shared by the unit tests of the SR reader and the browser tests of foreign annotations.
 */
import * as codes from '../../viewer/export/sr/codes';
import { containerItem, numItem, type ContentItem } from '../../viewer/export/sr/contentItems';
import { encodePart10, type NaturalDataset } from '../../viewer/export/sr/dicomCodec';

export const ENHANCED_SR = '1.2.840.10008.5.1.4.1.1.88.22';
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** The image a 2-D shape is drawn on: SOP Instance UID, its SOP class, and the 1-based frame of a multi-frame image. */
export interface ImageRef {
  readonly sopInstanceUID: string;
  readonly sopClassUID?: string;
  readonly frame?: number;
}

/** A 2-D polyline (x1, y1, x2, y2, … in pixels) on one image, as the NUM it measures is inferred from. */
export function scoordOn(image: ImageRef, points: number[]): ContentItem {
  return {
    RelationshipType: 'INFERRED FROM',
    ValueType: 'SCOORD',
    GraphicType: 'POLYLINE',
    GraphicData: points,
    ContentSequence: [
      {
        RelationshipType: 'SELECTED FROM',
        ValueType: 'IMAGE',
        ReferencedSOPSequence: [
          { ReferencedSOPClassUID: image.sopClassUID ?? CT_IMAGE_STORAGE, ReferencedSOPInstanceUID: image.sopInstanceUID, ...(image.frame === undefined ? {} : { ReferencedFrameNumber: image.frame }) },
        ],
      },
    ],
  };
}

/** One cornerstone3D tool's measurement group: tracking identifier and UID, the body, and an optional Comment label. */
export function cornerstoneGroup(tool: string, uid: string, body: ContentItem[], label?: string): ContentItem {
  return containerItem('CONTAINS', codes.MEASUREMENT_GROUP, [
    { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: '112039', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Identifier' }], TextValue: `Cornerstone3DTools@^0.1.0:${tool}` },
    { RelationshipType: 'HAS OBS CONTEXT', ValueType: 'UIDREF', ConceptNameCodeSequence: [{ CodeValue: '112040', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Unique Identifier' }], UID: uid },
    ...body,
    ...(label === undefined ? [] : [{ RelationshipType: 'CONTAINS', ValueType: 'TEXT', ConceptNameCodeSequence: [{ CodeValue: '121106', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Comment' }], TextValue: label }]),
  ]);
}

/** OHIF's Length: one SCT Length NUM in mm from a two-point line on one image. */
export function ohifLengthGroup(image: ImageRef, pointsPx: [number, number, number, number], lengthMm: number, label?: string, uid = '2.25.501'): ContentItem {
  return cornerstoneGroup('Length', uid, [numItem('CONTAINS', codes.LENGTH, lengthMm, codes.UNIT_MM, [scoordOn(image, pointsPx)])], label);
}

/** Where the report belongs: its study (and the report's own series and instance UIDs). */
export interface ReportIds {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID?: string;
  readonly sopInstanceUID?: string;
}

/** A Part-10 measurement report of `sopClassUID` holding the given measurement groups. */
export function foreignReport(sopClassUID: string, groups: ContentItem[], ids: ReportIds = { studyInstanceUID: '1.2.3.4' }): Uint8Array {
  const sopInstanceUID = ids.sopInstanceUID ?? '1.2.3.4.8';
  const dataset: NaturalDataset = {
    SOPClassUID: sopClassUID,
    SOPInstanceUID: sopInstanceUID,
    StudyInstanceUID: ids.studyInstanceUID,
    SeriesInstanceUID: ids.seriesInstanceUID ?? '1.2.3.4.9',
    Modality: 'SR',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: '126000', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Imaging Measurement Report' }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [containerItem('CONTAINS', codes.IMAGING_MEASUREMENTS, groups)],
  };
  return encodePart10(
    { MediaStorageSOPClassUID: sopClassUID, MediaStorageSOPInstanceUID: sopInstanceUID, TransferSyntaxUID: codes.EXPLICIT_VR_LITTLE_ENDIAN },
    dataset,
  );
}
