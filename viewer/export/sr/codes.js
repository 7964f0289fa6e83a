/**
 * Every code, UID and fixed value written into (and recognised in) a vertebral-height DICOM SR, each cited once.
 * "Verified" codes were checked against the DICOM content mapping resource (PS3.16) as shipped in pydicom's concept
 * dictionary (pydicom/sr/_concepts_dict.py, which lists the CIDs a code belongs to) or DCMTK's dcmsr/libcmr sources.
 * The local scheme 99VHV holds this app's own concepts, for which DICOM defines no code.
 */
import { HEIGHT_POINT_PAIRS } from '../../../measurement';
function code(value, scheme, meaning) {
    return { value, scheme, meaning };
}
/** Comprehensive 3D SR Storage SOP Class (PS3.4 Annex B.5): SCOORD3D content items are allowed. */
export const COMPREHENSIVE_3D_SR_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.88.34';
/** Prefix shared by every Structured Report storage SOP class (PS3.4 Annex B.5, 1.2.840.10008.5.1.4.1.1.88.x). */
export const SR_SOP_CLASS_UID_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
/** Explicit VR Little Endian transfer syntax (PS3.5 Section A.2). */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/**
 * Device Observer UID (TID 1004) and Implementation Class UID of this app: a fixed UUID-derived UID under the 2.25
 * root (ISO/IEC 9834-8), generated once for this project. Changing it makes earlier reports look like another device's.
 */
export const APP_DEVICE_UID = '2.25.28246821990588454851129852454297322605';
/** Name of this app as a device observer, manufacturer and implementation (SH: at most 16 characters for the last). */
export const APP_NAME = 'Vertebral Height Viewer';
/** Implementation Version Name prefix (SH, 16 characters at most with the version). */
export const IMPLEMENTATION_NAME_PREFIX = 'VHV_';
/** Series Number of a new SR series: high, so that it sorts after the image series of the study. */
export const SR_SERIES_NUMBER = 9901;
/** Series Description of a new SR series. */
export const SR_SERIES_DESCRIPTION = 'Vertebral heights (SR)';
/** Designator of this app's local coding scheme (PS3.16 Section 8.2: private schemes start with "99"). */
export const LOCAL_SCHEME = '99VHV';
/** Coding Scheme Identification Sequence (0008,0110) item that declares LOCAL_SCHEME (PS3.3 C.12.1.1.5). */
export const LOCAL_SCHEME_IDENTIFICATION = {
    CodingSchemeDesignator: LOCAL_SCHEME,
    CodingSchemeName: 'Vertebral Height Viewer local codes',
    CodingSchemeResponsibleOrganization: 'vertebral-height-viewer project',
};
// ── Document structure: TID 1500 Measurement Report and the templates it includes ─────────────────────────────
/** Template identifier of the root: TID 1500 Measurement Report, mapping resource DCMR (PS3.16). */
export const TID_MEASUREMENT_REPORT = '1500';
/** Template identifier of each group: TID 1501 Measurement and Qualitative Evaluation Group (PS3.16). */
export const TID_MEASUREMENT_GROUP = '1501';
/** Mapping resource of the templates (PS3.16). */
export const DCMR = 'DCMR';
/** Document title, TID 1500 row 1; CID 7021. Verified. */
export const IMAGING_MEASUREMENT_REPORT = code('126000', 'DCM', 'Imaging Measurement Report');
/** TID 1204 Language of Content Item and Descendants. Verified. */
export const LANGUAGE_OF_CONTENT = code('121049', 'DCM', 'Language of Content Item and Descendants');
/** English (US), CID 5000 Languages (DCMTK dcmsr/libcmr/cid5000.cc). Verified. */
export const LANGUAGE_ENGLISH_US = code('en-US', 'IETF4646', 'English (US)');
/** TID 1002 Observer Type. Verified. */
export const OBSERVER_TYPE = code('121005', 'DCM', 'Observer Type');
/** Observer type value Device, CID 270. Verified. */
export const OBSERVER_DEVICE = code('121007', 'DCM', 'Device');
/** TID 1004 Device Observer UID. Verified. */
export const DEVICE_OBSERVER_UID = code('121012', 'DCM', 'Device Observer UID');
/** TID 1004 Device Observer Name. Verified. */
export const DEVICE_OBSERVER_NAME = code('121013', 'DCM', 'Device Observer Name');
/** TID 1004 Device Observer Manufacturer. Verified. */
export const DEVICE_OBSERVER_MANUFACTURER = code('121014', 'DCM', 'Device Observer Manufacturer');
/** TID 1004 Device Observer Model Name. Verified. */
export const DEVICE_OBSERVER_MODEL_NAME = code('121015', 'DCM', 'Device Observer Model Name');
/** TID 1500 Procedure reported. Verified. */
export const PROCEDURE_REPORTED = code('121058', 'DCM', 'Procedure reported');
/** Procedure reported value: Imaging procedure, CID 100 Quantitative Diagnostic Imaging Procedures. Verified. */
export const IMAGING_PROCEDURE = code('363679005', 'SCT', 'Imaging procedure');
/** TID 1600 Image Library. Verified. */
export const IMAGE_LIBRARY = code('111028', 'DCM', 'Image Library');
/** TID 1600 Image Library Group. Verified. */
export const IMAGE_LIBRARY_GROUP = code('126200', 'DCM', 'Image Library Group');
/** TID 1602 Image Library Entry Descriptors: Modality. Verified. */
export const MODALITY = code('121139', 'DCM', 'Modality');
/** TID 1602 Image Library Entry Descriptors: Frame of Reference UID. Verified. */
export const FRAME_OF_REFERENCE_UID = code('112227', 'DCM', 'Frame of Reference UID');
/** TID 1500 Imaging Measurements container. Verified. */
export const IMAGING_MEASUREMENTS = code('126010', 'DCM', 'Imaging Measurements');
/** TID 1501 Measurement Group container. Verified. */
export const MEASUREMENT_GROUP = code('125007', 'DCM', 'Measurement Group');
/** TID 4108 Tracking Identifier. Verified. */
export const TRACKING_IDENTIFIER = code('112039', 'DCM', 'Tracking Identifier');
/** TID 4108 Tracking Unique Identifier. Verified. */
export const TRACKING_UNIQUE_IDENTIFIER = code('112040', 'DCM', 'Tracking Unique Identifier');
/** TID 1501 Finding. Verified. */
export const FINDING = code('121071', 'DCM', 'Finding');
/** Finding value: Vertebra, SNOMED CT (in CID 7151 Segmentation Property Types and others). Verified. */
export const VERTEBRA = code('51282000', 'SCT', 'Vertebra');
/** TID 1501 / TID 300 Finding Site. Verified. */
export const FINDING_SITE = code('363698007', 'SCT', 'Finding Site');
/** The SNOMED-RT form of Finding Site that older reports use (PS3.16 Annex O: SRT G-C0E3 retired for SCT). */
export const FINDING_SITE_SRT = code('G-C0E3', 'SRT', 'Finding Site');
/**
 * Modality codes of the image library, CID 29 Acquisition Modality (DICOM DCM codes equal to the Modality attribute).
 * Verified. A modality not listed here is simply not described in the image library.
 */
export const MODALITY_CODES = {
    CT: code('CT', 'DCM', 'Computed Tomography'),
    MR: code('MR', 'DCM', 'Magnetic Resonance'),
    CR: code('CR', 'DCM', 'Computed Radiography'),
    DX: code('DX', 'DCM', 'Digital Radiography'),
    RF: code('RF', 'DCM', 'Radiofluoroscopy'),
    XA: code('XA', 'DCM', 'X-Ray Angiography'),
    PT: code('PT', 'DCM', 'Positron emission tomography'),
    NM: code('NM', 'DCM', 'Nuclear Medicine'),
};
/**
 * SNOMED CT codes of each vertebra, used as Finding Site. Not in the DICOM release that pydicom 2.3 ships, so checked
 * against three independent public lists that agree on every code: the "Anatomic codes - DICOM master list" of
 * 3D Slicer's terminology as used by TotalSegmentator (resources/totalsegmentator_snomed_mapping.csv), and SNOMED CT
 * fully-specified-name lists ("First lumbar vertebra" …; "Structure of first sacral vertebra" for 65985001).
 */
export const VERTEBRA_CODES = {
    C2: code('39976000', 'SCT', 'C2 vertebra'),
    C3: code('113205007', 'SCT', 'C3 vertebra'),
    C4: code('5329002', 'SCT', 'C4 vertebra'),
    C5: code('36978003', 'SCT', 'C5 vertebra'),
    C6: code('36054005', 'SCT', 'C6 vertebra'),
    C7: code('87391001', 'SCT', 'C7 vertebra'),
    T1: code('64864005', 'SCT', 'T1 vertebra'),
    T2: code('53733008', 'SCT', 'T2 vertebra'),
    T3: code('1626008', 'SCT', 'T3 vertebra'),
    T4: code('73071006', 'SCT', 'T4 vertebra'),
    T5: code('56401006', 'SCT', 'T5 vertebra'),
    T6: code('45296009', 'SCT', 'T6 vertebra'),
    T7: code('62487009', 'SCT', 'T7 vertebra'),
    T8: code('11068009', 'SCT', 'T8 vertebra'),
    T9: code('82687006', 'SCT', 'T9 vertebra'),
    T10: code('7610001', 'SCT', 'T10 vertebra'),
    T11: code('12989004', 'SCT', 'T11 vertebra'),
    T12: code('23215003', 'SCT', 'T12 vertebra'),
    L1: code('66794005', 'SCT', 'L1 vertebra'),
    L2: code('14293000', 'SCT', 'L2 vertebra'),
    L3: code('36470004', 'SCT', 'L3 vertebra'),
    L4: code('11994002', 'SCT', 'L4 vertebra'),
    L5: code('49668003', 'SCT', 'L5 vertebra'),
    S1: code('65985001', 'SCT', 'S1 vertebra'),
};
// ── Units: UCUM, as listed in CID 7181 / CID 7183 (verified) ──────────────────────────────────────────────────
/** Millimetre, UCUM (CID 7181, 7460). Verified. */
export const UNIT_MM = code('mm', 'UCUM', 'millimeter');
/** Ratio (unitless), UCUM (CID 7181). Verified. */
export const UNIT_RATIO = code('{ratio}', 'UCUM', 'ratio');
/** Percent, UCUM (CID 7181). Verified. */
export const UNIT_PERCENT = code('%', 'UCUM', 'Percent');
/** Degree of plane angle, UCUM (CID 7183). Verified. */
export const UNIT_DEGREE = code('deg', 'UCUM', 'Degree');
/** Length, SNOMED CT (CID 7470 Linear Measurements); the concept of each per-line Length group's NUM. Verified. */
export const LENGTH = code('410668003', 'SCT', 'Length');
/** Comment (DCM, CID 7464 / TID 1419); cornerstone3D's adapters read and write a measurement's label here. Verified. */
export const COMMENT = code('121106', 'DCM', 'Comment');
// ── Interoperability with cornerstone3D-based viewers (OHIF 3.x) ───────────────────────────────────────────
/**
 * Tracking Identifier prefix that cornerstone3D's SR adapters (@cornerstonejs/adapters, as bundled in OHIF 3.13.2:
 * Cornerstone3D/cornerstone3DTag) write and recognise: `Cornerstone3DTools@^0.1.0:<ToolName>`.
 */
export const CORNERSTONE3D_TRACKING_PREFIX = 'Cornerstone3DTools@^0.1.0:';
/** Tracking Identifier prefix of the legacy cornerstoneTools 4 adapters, which the same adapters still read. */
export const CORNERSTONE_LEGACY_TRACKING_PREFIX = 'cornerstoneTools@^4.0.0:';
/**
 * Tracking Identifier of each per-line Length group: OHIF hydrates a TID 1501 group with this identifier into its
 * Length tool (MeasurementReport.getAdapterForTrackingIdentifier); any other identifier is "not rehydratable".
 */
export const CORNERSTONE_LENGTH_TRACKING_IDENTIFIER = `${CORNERSTONE3D_TRACKING_PREFIX}Length`;
/** Concept of the text-box position cornerstone3D writes beside a label (private scheme 99CS3D); not a geometry. */
export const CORNERSTONE_TEXT_POSITION = code('TextPosition', '99CS3D', 'Text Annotation Position');
/** UCUM length units that mark a foreign NUM as a length measurement. */
export const UCUM_LENGTH_UNITS = new Set(['um', 'mm', 'cm', 'm']);
// ── Six-point morphometry concepts: local (DICOM defines none), scheme LOCAL_SCHEME ───────────────────────────
/** Anterior vertebral body height Ha, mm; its INFERRED FROM SCOORD3D holds anterior superior → anterior inferior. */
export const ANTERIOR_HEIGHT = code('VHV-HA', LOCAL_SCHEME, 'Anterior vertebral body height');
/** Middle vertebral body height Hm, mm; its INFERRED FROM SCOORD3D holds middle superior → middle inferior. */
export const MIDDLE_HEIGHT = code('VHV-HM', LOCAL_SCHEME, 'Middle vertebral body height');
/** Posterior vertebral body height Hp, mm; its INFERRED FROM SCOORD3D holds posterior superior → posterior inferior. */
export const POSTERIOR_HEIGHT = code('VHV-HP', LOCAL_SCHEME, 'Posterior vertebral body height');
/**
 * The three heights as written: each NUM's concept, the height it holds and the superior → inferior point pair of its
 * INFERRED FROM SCOORD3D POLYLINE (six-point morphometry, Hurxthal 1968). The reader restores the points from these.
 */
export const HEIGHT_LINES = HEIGHT_POINT_PAIRS.map(({ key, wall, superior, inferior }) => ({
    concept: { anteriorMm: ANTERIOR_HEIGHT, middleMm: MIDDLE_HEIGHT, posteriorMm: POSTERIOR_HEIGHT }[key],
    wall,
    key,
    superior,
    inferior,
}));
/** Reference posterior height (mean Hp of undeformed neighbours), mm. */
export const REFERENCE_POSTERIOR_HEIGHT = code('VHV-HPREF', LOCAL_SCHEME, 'Reference posterior vertebral body height');
/** Wedge ratio Ha/Hp (O'Neill et al., JBMR 1994). */
export const WEDGE_RATIO = code('VHV-RW', LOCAL_SCHEME, 'Wedge ratio (anterior/posterior height)');
/** Biconcavity ratio Hm/Hp (O'Neill et al., JBMR 1994). */
export const BICONCAVITY_RATIO = code('VHV-RB', LOCAL_SCHEME, 'Biconcavity ratio (middle/posterior height)');
/** Crush ratio Hp/reference Hp (O'Neill et al., JBMR 1994). */
export const CRUSH_RATIO = code('VHV-RC', LOCAL_SCHEME, 'Crush ratio (posterior/reference posterior height)');
/** Wedge height loss, %. */
export const WEDGE_LOSS = code('VHV-LW', LOCAL_SCHEME, 'Wedge height loss');
/** Biconcave height loss, %. */
export const BICONCAVE_LOSS = code('VHV-LB', LOCAL_SCHEME, 'Biconcave height loss');
/** Crush height loss, %. */
export const CRUSH_LOSS = code('VHV-LC', LOCAL_SCHEME, 'Crush height loss');
/** The largest of the three losses, %, which is graded (Genant et al., JBMR 1993). */
export const HEIGHT_LOSS = code('VHV-LOSS', LOCAL_SCHEME, 'Vertebral height loss');
/** Wedge angle between the endplates, degrees, positive = kyphotic. */
export const WEDGE_ANGLE = code('VHV-WANG', LOCAL_SCHEME, 'Vertebral wedge angle');
/** Genant semiquantitative grade, written as a CODE item with one of GENANT_GRADE_CODES. */
export const GENANT_GRADE = code('VHV-GENANT', LOCAL_SCHEME, 'Genant semiquantitative grade');
/** Values of GENANT_GRADE by grade 0–3 (Genant et al., JBMR 1993). */
export const GENANT_GRADE_CODES = [
    code('VHV-GENANT-0', LOCAL_SCHEME, 'Genant grade 0 (normal)'),
    code('VHV-GENANT-1', LOCAL_SCHEME, 'Genant grade 1 (mild)'),
    code('VHV-GENANT-2', LOCAL_SCHEME, 'Genant grade 2 (moderate)'),
    code('VHV-GENANT-3', LOCAL_SCHEME, 'Genant grade 3 (severe)'),
];
/** The reader's own visual Genant grade (a CODE item with one of GENANT_GRADE_CODES), next to the morphometric one. */
export const READER_GENANT_GRADE = code('VHV-RGENANT', LOCAL_SCHEME, "Reader's visual Genant grade");
/**
 * Endplate depression as the reader saw it (the algorithm-based qualitative criterion, ABQ: Jiang G et al., Osteoporos
 * Int 2004;15:887–896), a CODE item valued YES_CODE or NO_CODE.
 */
export const ENDPLATE_DEPRESSION = code('VHV-ABQ', LOCAL_SCHEME, 'Endplate depression (ABQ)');
/** The reader's free-text note on a vertebra (TEXT). */
export const READER_NOTE = code('VHV-RNOTE', LOCAL_SCHEME, "Reader's note");
export const YES_CODE = code('373066001', 'SCT', 'Yes');
export const NO_CODE = code('373067005', 'SCT', 'No');
/**
 * Where a vertebra's points came from, written as a TEXT item (TID 1501's qualitative evaluations) only when the image
 * analysis proposed them: "proposed by image analysis, not reviewed (confidence 0.62)" or "… accepted by the reader".
 */
export const LANDMARK_REVIEW_STATUS = code('VHV-REVIEW', LOCAL_SCHEME, 'Landmark review status');
/**
 * Largest absolute point coordinate written, mm (inclusive). Graphic Data (0070,0022) is FL (float32, 24-bit
 * significand): below 2^13 = 8192 mm one unit in the last place is under 0.001 mm, so points round-trip within
 * 0.0005 mm. 8 m is far beyond any scanner's field of view.
 */
export const SR_MAX_ABS_COORDINATE_MM = 8000;
