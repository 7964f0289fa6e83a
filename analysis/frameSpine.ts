import { validatePlaneImage, type PlaneImage } from './image';
import { fail, ok, type AnalysisResult } from './result';
import { addScaled3, type Vec3 } from './vec';

/**
 * Cancellous bone of a vertebral body starts at about +150 HU on CT (Hounsfield unit tables: cancellous bone
 * +150…+400 HU, intervertebral disc and muscle +40…+80 HU); the threshold separates bodies from discs and soft tissue.
 */
export const CT_BONE_THRESHOLD_HU = 150;

/** Widest plausible vertebral column on a sagittal plane (adult lumbar body depth ≈ 35 mm plus posterior wall), mm. */
const MAX_COLUMN_DEPTH_MM = 70;
/** Narrowest band taken for a column, mm: less is a cortex line or noise, not bodies. */
const MIN_COLUMN_DEPTH_MM = 12;
/** Shortest column worth framing (about two bodies and a disc), mm. */
const MIN_COLUMN_LENGTH_MM = 50;
/** Gaps of non-bone rows up to this long are discs inside the column (adult discs 5–15 mm), mm. */
const MAX_DISC_GAP_MM = 18;
/** Width of the moving average over the column profile, mm. */
const PROFILE_SMOOTHING_MM = 8;
/** A column of the plane belongs to the spine band while its bone fraction is at least this share of the peak's. */
const BAND_SHARE_OF_PEAK = 0.5;
/** A row is a bone row when at least this share of the band's pixels is bone (a body fills most of it). */
const ROW_BONE_SHARE = 0.35;

/** Where the vertebral column lies on a sagittal plane. */
export interface SpineFrame {
  /** Centre of the column's bounding box on the plane (patient LPS, mm). */
  readonly centreMm: Vec3;
  /** Length of the column along the plane's column direction (rows; cranio-caudal on a sagittal view), mm. */
  readonly lengthMm: number;
  /** Depth of the column along the plane's row direction (columns; antero-posterior on a sagittal view), mm. */
  readonly depthMm: number;
  /** Disc-like gaps (runs of at least MIN_DISC_GAP_MM of non-bone rows between bone rows) along the column. */
  readonly discGaps: number;
}

/** How bright a body is against its surroundings: CT in HU, MR by the image's own grey levels. */
export type FrameModality = 'CT' | 'MR';

/** Otsu's threshold (between-class variance maximum, Otsu 1979) of the finite values, over 256 bins. */
function otsuThreshold(values: ArrayLike<number>): number | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return null;
  const bins = 256;
  const histogram = new Float64Array(bins);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const bin = Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins));
    histogram[bin] = histogram[bin]! + 1;
    count += 1;
    sum += bin;
  }
  let below = 0;
  let belowSum = 0;
  let best = -1;
  let bestBin = 0;
  for (let bin = 0; bin < bins - 1; bin += 1) {
    below += histogram[bin]!;
    belowSum += bin * histogram[bin]!;
    const above = count - below;
    if (below === 0 || above === 0) continue;
    const meanBelow = belowSum / below;
    const meanAbove = (sum - belowSum) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > best) {
      best = variance;
      bestBin = bin;
    }
  }
  return min + ((bestBin + 1) / bins) * (max - min);
}

function movingAverage(values: Float64Array, halfWidth: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    let total = 0;
    let n = 0;
    for (let j = Math.max(0, i - halfWidth); j <= Math.min(values.length - 1, i + halfWidth); j += 1) {
      total += values[j]!;
      n += 1;
    }
    out[i] = total / n;
  }
  return out;
}

/** The longest run of true entries, bridging false gaps of at most `maxGap`; null when there is none. */
function longestRun(flags: readonly boolean[], maxGap: number): { first: number; last: number } | null {
  let best: { first: number; last: number } | null = null;
  let first = -1;
  let last = -1;
  for (let i = 0; i < flags.length; i += 1) {
    if (!flags[i]) continue;
    if (first >= 0 && i - last - 1 > maxGap) {
      if (!best || last - first > best.last - best.first) best = { first, last };
      first = i;
    }
    if (first < 0) first = i;
    last = i;
  }
  if (first >= 0 && (!best || last - first > best.last - best.first)) best = { first, last };
  return best;
}

/**
 * Disc-like gaps a column must show to be taken for the spine in place of the band richest in bone (CT): runs of at least
 * MIN_DISC_GAP_MM of rows that are not bone between bone rows. Two: two discs seen between three bodies (on the real
 * VerSe CT the band richest in bone shows 16, the phantom's 7; on a contrast chest CT's midline its heart 1 and its
 * spine 11).
 */
const MIN_DISC_GAPS = 2;
const MIN_DISC_GAP_MM = 2;
/**
 * …and this many times as many as the band richest in bone: a heart's chambers can part its rows once or twice (the
 * chest CT 4 mm off the midline: 2 against the spine's 15), while the phantom's posterior elements show 4 against
 * its bodies' 7.
 */
const DISC_GAP_LEAD = 2;

/** A band of the plane's columns (left–right, inclusive), the longest run of bone rows in it and its disc-like gaps. */
interface Column {
  readonly left: number;
  readonly right: number;
  readonly run: { readonly first: number; readonly last: number };
  readonly discGaps: number;
}

/**
 * The band of columns around `at` whose bone share stays at least BAND_SHARE_OF_PEAK of its own (at most
 * MAX_COLUMN_DEPTH_MM), the longest run of bone rows in it (disc gaps of up to MAX_DISC_GAP_MM bridged) and the number of
 * such gaps of at least MIN_DISC_GAP_MM; null when the band is too narrow or the run too short for a column.
 */
function columnAround(plane: PlaneImage, threshold: number, profile: Float64Array, at: number): Column | null {
  const { values, columns, rows, columnSpacingMm, rowSpacingMm } = plane;
  const maxHalfDepth = Math.round(MAX_COLUMN_DEPTH_MM / 2 / columnSpacingMm);
  const share = profile[at]!;
  let left = at;
  let right = at;
  while (left > 0 && at - left < maxHalfDepth && profile[left - 1]! >= BAND_SHARE_OF_PEAK * share) left -= 1;
  while (right < columns - 1 && right - at < maxHalfDepth && profile[right + 1]! >= BAND_SHARE_OF_PEAK * share) right += 1;
  if ((right - left + 1) * columnSpacingMm < MIN_COLUMN_DEPTH_MM) return null;
  const boneRows: boolean[] = [];
  for (let r = 0; r < rows; r += 1) {
    let bone = 0;
    for (let c = left; c <= right; c += 1) if (values[c + r * columns]! >= threshold) bone += 1;
    boneRows.push(bone / (right - left + 1) >= ROW_BONE_SHARE);
  }
  const run = longestRun(boneRows, Math.round(MAX_DISC_GAP_MM / rowSpacingMm));
  if (!run || (run.last - run.first + 1) * rowSpacingMm < MIN_COLUMN_LENGTH_MM) return null;
  let discGaps = 0;
  let gapRows = 0;
  for (let r = run.first; r <= run.last; r += 1) {
    if (!boneRows[r]) gapRows += 1;
    else {
      if (gapRows * rowSpacingMm >= MIN_DISC_GAP_MM) discGaps += 1;
      gapRows = 0;
    }
  }
  return { left, right, run, discGaps };
}

/**
 * Finds the vertebral column on a sagittal plane, for framing the view on it: a bone mask (CT: ≥ CT_BONE_THRESHOLD_HU;
 * MR: the brighter class of Otsu's threshold, marrow against discs and muscle), the share of bone per image column,
 * the band of columns around its peak (the bodies, stacked cranio-caudally, fill more rows than any other structure),
 * then the longest run of bone rows in that band with disc gaps bridged. Fails with UNCALIBRATED, INVALID_IMAGE or
 * NO_VERTEBRA (nothing column-like: the caller fits the whole image instead).
 */
export function frameSpine(plane: PlaneImage, modality: FrameModality): AnalysisResult<SpineFrame> {
  const valid = validatePlaneImage(plane);
  if (!valid.ok) return valid;
  const { values, columns, rows, columnSpacingMm, rowSpacingMm } = plane;
  const threshold = modality === 'CT' ? CT_BONE_THRESHOLD_HU : otsuThreshold(values);
  const notFound = fail<SpineFrame>('NO_VERTEBRA', 'No vertebral column was found on the middle sagittal plane; the whole image is shown.');
  if (threshold === null) return notFound;

  const boneShare = new Float64Array(columns);
  for (let c = 0; c < columns; c += 1) {
    let bone = 0;
    let known = 0;
    for (let r = 0; r < rows; r += 1) {
      const v = values[c + r * columns]!;
      if (!Number.isFinite(v)) continue;
      known += 1;
      if (v >= threshold) bone += 1;
    }
    boneShare[c] = known > 0 ? bone / known : 0;
  }
  const profile = movingAverage(boneShare, Math.max(1, Math.round(PROFILE_SMOOTHING_MM / 2 / columnSpacingMm)));
  let peak = 0;
  for (let c = 1; c < columns; c += 1) if (profile[c]! > profile[peak]!) peak = c;
  const peakShare = profile[peak]!;
  if (!(peakShare > 0)) return notFound;
  const column = (at: number): Column | null => columnAround(plane, threshold, profile, at);
  let chosen = column(peak);
  // On CT the band richest in bone can be blood: a contrast CT's heart and aorta (300–500 HU) fill more of the plane's
  // rows than the vertebral bodies, and a real chest CT was framed on its heart with the spine cut at the view's edge.
  // Bodies are told apart by their discs: the band around another peak of the profile that shows at least MIN_DISC_GAPS
  // and DISC_GAP_LEAD times as many disc-like gaps is taken instead (the one with most). Not on MR, whose threshold is
  // the image's own (Otsu).
  if (modality === 'CT') {
    const gapsOf = (c: Column | null) => c?.discGaps ?? 0;
    const peakGaps = gapsOf(chosen);
    for (let c = 1; c + 1 < columns; c += 1) {
      if (c === peak || !(profile[c]! >= profile[c - 1]! && profile[c]! > profile[c + 1]! && profile[c]! >= BAND_SHARE_OF_PEAK * peakShare)) continue;
      const other = column(c);
      if (gapsOf(other) >= Math.max(MIN_DISC_GAPS, DISC_GAP_LEAD * peakGaps) && gapsOf(other) > gapsOf(chosen)) chosen = other;
    }
  }
  if (!chosen) return notFound;
  const { left, right, run, discGaps } = chosen;
  const depthMm = (right - left + 1) * columnSpacingMm;
  const lengthMm = (run.last - run.first + 1) * rowSpacingMm;

  const centreColumn = (left + right) / 2;
  const centreRow = (run.first + run.last) / 2;
  const centreMm = addScaled3(addScaled3(plane.originMm, plane.rowCosine, centreColumn * columnSpacingMm), plane.columnCosine, centreRow * rowSpacingMm);
  return ok({ centreMm, lengthMm, depthMm, discGaps });
}

/**
 * On CT a column showing fewer disc-like gaps than this is no spine worth framing (the heart and aorta show 0–3, a
 * vertebral column 7–18 on the drawn phantom, VerSe and a real chest CT's midline): the sagittal view then looks for
 * the spine on the planes beside it (spinePlaneAmong).
 */
export const SPINE_PLANE_MIN_DISC_GAPS = 4;
/** A plane beside it is taken when its column shows at least this many disc-like gaps, and DISC_GAP_LEAD times the current plane's. */
const SPINE_PLANE_TAKEN_DISC_GAPS = 6;

/** The planes around the best one that still show at least this share of its disc-like gaps are the spine's too. */
const SPINE_PLANE_RUN_SHARE = 0.5;
/**
 * A column found beside the displayed plane within this of the displayed plane's own column (in the plane, mm: about a
 * body's depth) is the same column, seen at its edge: the view stays.
 */
const SAME_COLUMN_MM = 25;

/** A sagittal plane searched for the spine: its offset along the view normal, mm, and the column frameSpine found on it. */
export interface SpinePlaneCandidate {
  readonly offsetMm: number;
  readonly discGaps: number;
  /** The column's centre in the plane's own axes (across, down), mm from where the displayed plane's axes start. */
  readonly atMm: readonly [number, number];
}

/**
 * Of sagittal planes beside the displayed one (`candidates`, every `stepMm`), where to show the spine instead of the
 * displayed plane, whose column (`current`: none, or its disc-like gaps and where it lies) shows no spine: the plane with
 * the most gaps (at least SPINE_PLANE_TAKEN_DISC_GAPS and DISC_GAP_LEAD times the current plane's; the nearest of equals) and the
 * planes next to it, one step apart, that show at least SPINE_PLANE_RUN_SHARE of its gaps, each weighted by its gaps:
 * the spine's column shows its discs on every plane through its bodies, and the middle of those planes is its midline,
 * where the best single plane may lie on a pedicle. A CT whose volume is not centred on the spine (a crop, a patient
 * lying off the table's middle) opens its sagittal view on the heart or the lung: a real contrast chest CT's middle
 * plane lay 22 mm beside the spine, its column the heart's (2 gaps, 88 mm in front of the spine's), the planes through
 * the bodies and the rib heads beside them 7–16 (the weighted middle 1–5 mm from the midline as the planes are sampled,
 * on the bodies; the best single plane up to 8 mm). Null when none qualifies, and when the column found lies where the
 * displayed plane's own lies (SAME_COLUMN_MM): a column whose discs are bridged or fused (ankylosing spondylitis, DISH;
 * a drawn cylinder of bone) shows gaps only at its edges, and the view stays on its middle.
 */
export function spinePlaneAmong(
  candidates: readonly SpinePlaneCandidate[],
  current: { readonly discGaps: number; readonly atMm: readonly [number, number] } | null,
  stepMm: number,
): number | null {
  let best: SpinePlaneCandidate | null = null;
  for (const c of candidates) {
    if (!best || c.discGaps > best.discGaps || (c.discGaps === best.discGaps && Math.abs(c.offsetMm) < Math.abs(best.offsetMm))) best = c;
  }
  if (!best || best.discGaps < Math.max(SPINE_PLANE_TAKEN_DISC_GAPS, DISC_GAP_LEAD * (current?.discGaps ?? 0))) return null;
  if (current && Math.hypot(best.atMm[0] - current.atMm[0], best.atMm[1] - current.atMm[1]) < SAME_COLUMN_MM) return null;
  const gapsAt = (offsetMm: number) => candidates.find((c) => Math.abs(c.offsetMm - offsetMm) < stepMm / 2)?.discGaps ?? 0;
  const enough = SPINE_PLANE_RUN_SHARE * best.discGaps;
  let weighted = best.offsetMm * best.discGaps;
  let weight = best.discGaps;
  for (const direction of [-1, 1]) {
    for (let offsetMm = best.offsetMm + direction * stepMm; gapsAt(offsetMm) >= enough; offsetMm += direction * stepMm) {
      weighted += offsetMm * gapsAt(offsetMm);
      weight += gapsAt(offsetMm);
    }
  }
  return weighted / weight;
}

/** Margin kept above and below the column when framing, as a share of its length. */
export const FRAME_MARGIN_SHARE = 0.06;

/**
 * Half the height of a view (mm; cornerstone's parallelScale) that shows the whole column with a margin, given the
 * view's width-to-height ratio: the length fills the height unless the depth needs more room across.
 */
export function frameHalfHeightMm(frame: Pick<SpineFrame, 'lengthMm' | 'depthMm'>, viewAspect: number): number {
  const halfLength = (frame.lengthMm / 2) * (1 + FRAME_MARGIN_SHARE);
  const halfDepth = (frame.depthMm / 2) * (1 + 4 * FRAME_MARGIN_SHARE);
  return Math.max(halfLength, halfDepth / Math.max(0.1, viewAspect));
}
