import type * as dicomParser from 'dicom-parser';
import { firstItem, numbers } from './dataSetFields';

/**
 * The modality and VOI LUT modules of one frame of an enhanced multi-frame object, read from its functional groups:
 * Pixel Value Transformation (0028,9145) and Frame VOI LUT (0028,9132), PS3.3 C.7.6.16.2.9 and .10. The enhanced IODs
 * put the rescale and the window there (shared or per frame) and not at the top level, where cornerstone 5.14's
 * dataset-cache provider looks for them: without these, the frames of an Enhanced CT were read as stored values
 * (1,024 above HU for an intercept of −1024) and opened in a window computed from them.
 */

/** cornerstone's modalityLutModule fields this viewer reads. */
export interface FrameModalityLut {
  readonly rescaleIntercept: number;
  readonly rescaleSlope: number;
  readonly rescaleType?: string;
}

/** cornerstone's voiLutModule fields, values as DICOM allows them (one or more windows). */
export interface FrameVoiLut {
  readonly windowCenter: number[];
  readonly windowWidth: number[];
  readonly voiLUTFunction?: string;
}

/**
 * `frame`: the frame's dataset as the image loader combines it (the shared, then the frame's own functional groups as
 * top-level elements: dicom-image-loader's combineFrameInstanceDataset). Null when it holds no Pixel Value
 * Transformation with both values.
 */
export function frameModalityLut(frame: dicomParser.DataSet): FrameModalityLut | null {
  const item = firstItem(frame, 'x00289145');
  if (!item) return null;
  const [rescaleIntercept] = numbers(item, 'x00281052');
  const [rescaleSlope] = numbers(item, 'x00281053');
  if (rescaleIntercept === undefined || rescaleSlope === undefined) return null;
  const rescaleType = item.string('x00281054')?.trim();
  return { rescaleIntercept, rescaleSlope, ...(rescaleType ? { rescaleType } : {}) };
}

/** As frameModalityLut, for the Frame VOI LUT functional group; null without a window of as many centres as widths. */
export function frameVoiLut(frame: dicomParser.DataSet): FrameVoiLut | null {
  const item = firstItem(frame, 'x00289132');
  if (!item) return null;
  const windowCenter = numbers(item, 'x00281050');
  const windowWidth = numbers(item, 'x00281051');
  if (windowCenter.length === 0 || windowCenter.length !== windowWidth.length) return null;
  const voiLUTFunction = item.string('x00281056')?.trim();
  return { windowCenter, windowWidth, ...(voiLUTFunction ? { voiLUTFunction } : {}) };
}
