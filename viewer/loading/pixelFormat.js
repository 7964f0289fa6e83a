const NATIVE_LITTLE_ENDIAN = { name: 'uncompressed little endian', bitsAllocated: [1, 8, 16, 32] };
/** decodeBigEndian only swaps 16-bit words and passes 8-bit data through; other sizes come back without pixels. */
const NATIVE_BIG_ENDIAN = { name: 'uncompressed big endian', bitsAllocated: [8, 16] };
/** decodeRLE handles 8, 16 and 1 bit and throws "unsupported pixel format for RLE" otherwise. */
const RLE = { name: 'RLE', bitsAllocated: [1, 8, 16] };
/** The lossy JPEG baseline process is 8-bit only (ISO 10918-1). */
const JPEG_8_BIT = { name: 'JPEG baseline', bitsAllocated: [8] };
/** JPEG extended/lossless, JPEG-LS, JPEG 2000, HTJ2K and JPEG XL decode to 8- or 16-bit samples (12-bit stored in 16). */
const COMPRESSED_8_OR_16 = [8, 16];
/** Transfer syntaxes cornerstone 5.14 decodes (dicom-image-loader imageLoader/decodeImageFrame.js), by UID. */
const DECODERS = new Map([
    ['1.2.840.10008.1.2', NATIVE_LITTLE_ENDIAN],
    ['1.2.840.10008.1.2.1', NATIVE_LITTLE_ENDIAN],
    ['1.2.840.10008.1.2.1.99', NATIVE_LITTLE_ENDIAN],
    ['1.2.840.10008.1.2.1.98', NATIVE_LITTLE_ENDIAN],
    ['1.2.840.10008.1.2.2', NATIVE_BIG_ENDIAN],
    ['1.2.840.10008.1.2.5', RLE],
    ['1.2.840.10008.1.2.4.50', JPEG_8_BIT],
    ['1.2.840.10008.1.2.4.51', { name: 'JPEG extended', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.53', { name: 'JPEG extended', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.55', { name: 'JPEG extended', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.57', { name: 'JPEG lossless', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.70', { name: 'JPEG lossless', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.80', { name: 'JPEG-LS', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.81', { name: 'JPEG-LS', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.90', { name: 'JPEG 2000', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.91', { name: 'JPEG 2000', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.201', { name: 'HTJ2K', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.202', { name: 'HTJ2K', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.203', { name: 'HTJ2K', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['3.2.840.10008.1.2.4.96', { name: 'HTJ2K', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.110', { name: 'JPEG XL', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.111', { name: 'JPEG XL', bitsAllocated: COMPRESSED_8_OR_16 }],
    ['1.2.840.10008.1.2.4.112', { name: 'JPEG XL', bitsAllocated: COMPRESSED_8_OR_16 }],
]);
/** PS3.3 C.7.6.3.1.2: photometric interpretations of one-sample images. */
const MONOCHROME_INTERPRETATIONS = new Set(['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR']);
/** Three-sample interpretations cornerstone converts to RGB (dicom-image-loader convertColorSpace.js). */
const COLOR_INTERPRETATIONS = new Set(['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_420', 'YBR_ICT', 'YBR_RCT']);
/**
 * Why cornerstone could not turn this pixel encoding into an image, in words a clinician can pass on; null when it can.
 * Checked before a series accepts a file, so a file that would fail (or poison a volume) while decoding is named at
 * read time instead.
 */
export function pixelFormatProblem(format) {
    const { samplesPerPixel, photometricInterpretation: pmi, bitsAllocated, bitsStored, highBit } = format;
    if (format.pixelDataElement === 'double') {
        return 'the pixels are 64-bit floating point (Double Float Pixel Data, 7FE0,0009), which the viewer cannot display';
    }
    const decoder = DECODERS.get(format.transferSyntaxUID);
    if (!decoder) {
        return format.transferSyntaxUID
            ? `the pixel data uses transfer syntax ${format.transferSyntaxUID}, which the viewer cannot decode`
            : 'the file meta information has no Transfer Syntax UID (0002,0010): the pixel encoding cannot be known';
    }
    if (samplesPerPixel === null)
        return 'Samples per Pixel (0028,0002) is missing: the pixel data cannot be interpreted';
    if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
        return `Samples per Pixel (0028,0002) is ${samplesPerPixel}: only 1 (grey or palette) and 3 (colour) can be displayed`;
    }
    if (samplesPerPixel === 1 && pmi && !MONOCHROME_INTERPRETATIONS.has(pmi)) {
        return `Photometric Interpretation "${pmi}" does not fit one sample per pixel (MONOCHROME1, MONOCHROME2 or PALETTE COLOR expected)`;
    }
    if (samplesPerPixel === 3 && !COLOR_INTERPRETATIONS.has(pmi)) {
        return `Photometric Interpretation "${pmi}" cannot be displayed for three samples per pixel (RGB or YBR expected)`;
    }
    if (pmi === 'PALETTE COLOR' && !format.hasPaletteDescriptors) {
        return 'a PALETTE COLOR image without its palette lookup table descriptors (0028,1101–1103): its colours are unknown';
    }
    if (bitsAllocated === null)
        return 'Bits Allocated (0028,0100) is missing: the pixel data cannot be interpreted';
    if (format.pixelDataElement === 'float' && bitsAllocated !== 32) {
        return `Float Pixel Data with Bits Allocated ${bitsAllocated}: 32 is required`;
    }
    if (!decoder.bitsAllocated.includes(bitsAllocated)) {
        return `Bits Allocated (0028,0100) is ${bitsAllocated}: ${decoder.name} pixel data can be displayed with ${listOf(decoder.bitsAllocated)} bits only`;
    }
    if (samplesPerPixel === 3 && bitsAllocated !== 8 && bitsAllocated !== 16) {
        return `a colour image with Bits Allocated ${bitsAllocated}: colour is displayed with 8 or 16 bits per sample only`;
    }
    if (bitsStored !== null && (bitsStored < 1 || bitsStored > bitsAllocated)) {
        return `Bits Stored (0028,0101) is ${bitsStored} with Bits Allocated ${bitsAllocated}: it must lie between 1 and Bits Allocated`;
    }
    // The decoders read the stored bits from the low end of each word; a different High Bit would shift every value.
    if (highBit !== null && bitsStored !== null && highBit !== bitsStored - 1) {
        return `High Bit (0028,0102) is ${highBit} with Bits Stored ${bitsStored}: only ${bitsStored - 1} (bits stored from the lowest bit) can be displayed`;
    }
    if (format.pixelRepresentation !== null && format.pixelRepresentation !== 0 && format.pixelRepresentation !== 1) {
        return `Pixel Representation (0028,0103) is ${format.pixelRepresentation}: only 0 (unsigned) or 1 (signed) are defined`;
    }
    if (samplesPerPixel === 3 && format.planarConfiguration !== null && format.planarConfiguration !== 0 && format.planarConfiguration !== 1) {
        return `Planar Configuration (0028,0006) is ${format.planarConfiguration}: only 0 (by pixel) or 1 (by plane) are defined`;
    }
    return null;
}
function listOf(values) {
    return values.length === 1 ? String(values[0]) : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
/**
 * What slices of one volume must share to be decoded into one voxel array: bits allocated and stored, samples per
 * pixel and signedness, e.g. "16/12/1/0".
 */
export function pixelFormatKeyOf(format) {
    return [format.bitsAllocated, format.bitsStored, format.samplesPerPixel ?? 1, format.pixelRepresentation ?? 0].join('/');
}
