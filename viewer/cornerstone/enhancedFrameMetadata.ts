import { Enums, metaData } from '@cornerstonejs/core';
import { wadouri } from '@cornerstonejs/dicom-image-loader';
import { frameModalityLut, frameVoiLut } from '../loading/enhancedFrameModules';

/**
 * Below the metadata memo (10,000), which then remembers these answers; above every provider cornerstone and the DICOM
 * image loader register (0 and below).
 */
const ENHANCED_FRAME_PROVIDER_PRIORITY = 5_000;

/** Image ids of the frames of a multi-frame local file (`dicomfile:N&frame=K`) or WADO-URI object. */
const DATASET_FRAME_ID = /^(?:dicomfile|wadouri|dicomweb):.*[?&]frame=\d+/;

/**
 * Answers the modality and VOI LUT modules of a frame of an enhanced multi-frame object opened from a file, from its
 * functional groups (loading/enhancedFrameModules.ts says why). Other images, and frames without those groups, are
 * left to the image loader's provider. DICOMweb frames need none of this: the loader's WADO-RS provider lifts the
 * functional groups' attributes to the top level itself (combineFrameInstance).
 */
function enhancedFrameProvider(type: string, query: unknown): unknown {
  if (type !== Enums.MetadataModules.MODALITY_LUT && type !== Enums.MetadataModules.VOI_LUT) return undefined;
  if (typeof query !== 'string' || !DATASET_FRAME_ID.test(query)) return undefined;
  const frame = wadouri.dataSetCacheManager.get(query.slice(query.indexOf(':') + 1));
  if (!frame) return undefined;
  return (type === Enums.MetadataModules.MODALITY_LUT ? frameModalityLut(frame) : frameVoiLut(frame)) ?? undefined;
}

let installed = false;

/** Puts the provider of enhanced frames' rescale and window in cornerstone's chain (once). */
export function installEnhancedFrameMetadata(): void {
  if (installed) return;
  installed = true;
  metaData.addProvider(enhancedFrameProvider, ENHANCED_FRAME_PROVIDER_PRIORITY);
}
