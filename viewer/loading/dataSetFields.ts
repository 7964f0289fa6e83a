import type * as dicomParser from 'dicom-parser';
import type { FramePlane, Orientation6, Vec3 } from './instanceMeta';
import { toOrientation, toSpacing, toVec3 } from './geometryValues';
import { decodeDicomText } from './characterSet';

/** Every value of a decimal-string attribute; empty when any value is not a finite number ("0.7\0é7", "nan"). */
export function numbers(ds: dicomParser.DataSet, tag: string): number[] {
  const count = ds.numStringValues(tag) ?? 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = ds.floatString(tag, i);
    if (v === undefined || !Number.isFinite(v)) return [];
    out.push(v);
  }
  return out;
}

/** The raw text of an attribute, or '' when absent (for checking whether a value is present but malformed). */
export function rawString(ds: dicomParser.DataSet, tag: string): string {
  try {
    return ds.string(tag) ?? '';
  } catch {
    return '';
  }
}

export function vec3(ds: dicomParser.DataSet | undefined, tag: string): Vec3 | null {
  return ds ? toVec3(numbers(ds, tag)) : null;
}

export function orientation(ds: dicomParser.DataSet | undefined): Orientation6 | null {
  return ds ? toOrientation(numbers(ds, 'x00200037')) : null;
}

export function spacing(ds: dicomParser.DataSet | undefined, tag: string): readonly [number, number] | null {
  return ds ? toSpacing(numbers(ds, tag)) : null;
}

export function firstItem(ds: dicomParser.DataSet | undefined, tag: string): dicomParser.DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

/** An ASCII attribute (UIDs, dates, codes), trimmed; '' when absent or unreadable. */
export function str(ds: dicomParser.DataSet, tag: string): string {
  return rawString(ds, tag).trim();
}

/**
 * A text attribute (PN, LO, SH, ST, LT, UT, UC) decoded by the dataset's Specific Character Set (0008,0005), trimmed of
 * padding; '' when absent.
 */
export function text(ds: dicomParser.DataSet, tag: string): string {
  const element = ds.elements[tag];
  if (!element || element.length <= 0 || element.dataOffset + element.length > ds.byteArray.length) return str(ds, tag);
  const bytes = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const vr = element.vr ?? '';
  return decodeDicomText(bytes, rawString(ds, 'x00080005'), { isPersonName: vr === 'PN' || tag === 'x00100010' || tag === 'x00080090' })
    .replace(/\0+$/, '')
    .trim();
}

export function intOrNull(ds: dicomParser.DataSet, tag: string): number | null {
  const v = ds.intString(tag);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

export function floatOrNull(ds: dicomParser.DataSet, tag: string): number | null {
  const v = ds.floatString(tag);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** Frame planes from the enhanced multi-frame functional groups (per-frame first, then shared). */
export function enhancedFrames(ds: dicomParser.DataSet, frameCount: number): FramePlane[] | null {
  const shared = firstItem(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items;
  if (!shared && !perFrame) return null;
  const sharedOrientation = orientation(firstItem(shared, 'x00209116'));
  const frames: FramePlane[] = [];
  for (let i = 0; i < frameCount; i++) {
    const item = perFrame?.[i]?.dataSet;
    frames.push({
      positionMm: vec3(firstItem(item, 'x00209113'), 'x00200032') ?? vec3(firstItem(shared, 'x00209113'), 'x00200032'),
      orientation: orientation(firstItem(item, 'x00209116')) ?? sharedOrientation,
    });
  }
  return frames;
}

export function enhancedPixelSpacing(ds: dicomParser.DataSet): readonly [number, number] | null {
  const shared = firstItem(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items?.[0]?.dataSet;
  return spacing(firstItem(shared, 'x00289110'), 'x00280030') ?? spacing(firstItem(perFrame, 'x00289110'), 'x00280030');
}

export function enhancedThickness(ds: dicomParser.DataSet): number | null {
  const shared = firstItem(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items?.[0]?.dataSet;
  // Shared, or (as for the spacing) the first frame's own when the scanner writes Pixel Measures per frame.
  const v = firstItem(shared, 'x00289110')?.floatString('x00180050') ?? firstItem(perFrame, 'x00289110')?.floatString('x00180050');
  return v !== undefined && Number.isFinite(v) ? v : null;
}
