import { isProjectionSopClass } from './sopClass';
/** Two spacings closer than this (mm) are the same spacing. */
const SAME_SPACING_TOLERANCE_MM = 1e-6;
/**
 * Patient-plane calibration of an image (DICOM PS3.3 C.8.11.4, C.7.6.2.1.1): a projection image's PixelSpacing counts
 * only with a PixelSpacingCalibrationType or when it differs from ImagerPixelSpacing (a magnification correction).
 */
export function calibrationOf(sopClassUID, pixelSpacingMm, imagerPixelSpacingMm, calibrationType) {
    if (!pixelSpacingMm)
        return imagerPixelSpacingMm ? 'detector' : 'none';
    if (!isProjectionSopClass(sopClassUID) || calibrationType)
        return 'calibrated';
    const copiesDetector = imagerPixelSpacingMm !== null
        && Math.abs(pixelSpacingMm[0] - imagerPixelSpacingMm[0]) < SAME_SPACING_TOLERANCE_MM
        && Math.abs(pixelSpacingMm[1] - imagerPixelSpacingMm[1]) < SAME_SPACING_TOLERANCE_MM;
    return copiesDetector ? 'detector' : 'calibrated';
}
