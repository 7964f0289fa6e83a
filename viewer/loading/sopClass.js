const SR_SOP_CLASS_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
const SEG_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';
const PDF_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.104.1';
const PRESENTATION_STATE_PREFIX = '1.2.840.10008.5.1.4.1.1.11.';
/** Projection radiography SOP classes (CR, DX, MG, IO, XA, RF): spacing there is at the detector unless calibrated. */
const PROJECTION_SOP_CLASS_PREFIXES = ['1.2.840.10008.5.1.4.1.1.1', '1.2.840.10008.5.1.4.1.1.12.'];
/** Storage SOP classes that never hold pixel data (PS3.4 B.5): waveforms, raw data, registration, RT plans… */
const NON_IMAGE_SOP_CLASS_PREFIXES = [
    '1.2.840.10008.5.1.4.1.1.9.', // waveforms
    '1.2.840.10008.5.1.4.1.1.66', // raw data, spatial registration, fiducials (66.4 segmentation is handled first)
    '1.2.840.10008.5.1.4.1.1.104.', // encapsulated documents
    '1.2.840.10008.5.1.4.1.1.481.3', // RT structure set
    '1.2.840.10008.5.1.4.1.1.481.4', // RT beams treatment record
    '1.2.840.10008.5.1.4.1.1.481.5', // RT plan
    '1.2.840.10008.5.1.4.1.1.481.6', // RT brachy treatment record
    '1.2.840.10008.5.1.4.1.1.481.7', // RT treatment summary record
    '1.2.840.10008.5.1.4.1.1.481.8', // RT ion plan
    '1.2.840.10008.5.1.4.1.1.481.9', // RT ion beams treatment record
];
/** Whether a SOP class is a projection radiograph (CR, DX, MG, IO, XA, RF…). */
export function isProjectionSopClass(sopClassUID) {
    return PROJECTION_SOP_CLASS_PREFIXES.some((prefix) => sopClassUID === prefix || sopClassUID.startsWith(`${prefix}.`));
}
/** Which kind of object a SOP class is; only images go to a viewport. */
export function kindOfSopClass(sopClassUID, hasPixelData) {
    if (sopClassUID.startsWith(SR_SOP_CLASS_PREFIX))
        return 'sr';
    if (sopClassUID === SEG_SOP_CLASS)
        return 'seg';
    if (sopClassUID === PDF_SOP_CLASS)
        return 'pdf';
    if (sopClassUID.startsWith(PRESENTATION_STATE_PREFIX))
        return 'presentation-state';
    if (NON_IMAGE_SOP_CLASS_PREFIXES.some((prefix) => sopClassUID.startsWith(prefix)))
        return 'other';
    // Any other storage class is an image class: without pixel data it is a broken image, not a non-image object.
    return hasPixelData || sopClassUID ? 'image' : 'other';
}
