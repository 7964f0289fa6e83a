import { edgeFieldOf, type EdgeField } from './edgeField';
import type { AnalysisImage } from './image';
import { planeViewOf, type PlaneView } from './planeView';
import type { ShellPolarity } from './profile';
import { addScaled3, cross3, subtract3, type Vec2, type Vec3 } from './vec';

// TEMPORARY experiment knob.
function experimentEnv(name: string): string | undefined {
  return (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
}

/**
 * Distance of the parasagittal planes either side of the displayed plane on which the box fit also reads the body's
 * posterior wall, mm. The basivertebral foramen, where the basivertebral veins leave the body through its posterior
 * wall, is a midline opening a few millimetres wide; on each side of it the posterior cortex is continuous. A
 * thoraco-lumbar body is ≥ 30 mm wide and its pedicles start ≥ 8 mm from the midline (interpedicular distance
 * ≥ 16 mm, T10 to L3), so planes this far off the midline are still inside the body and in front of the canal.
 */
export const LATERAL_PLANE_OFFSET_MM = Number(experimentEnv('LATERAL_MM') ?? 5);

/** The facings whose edges a lateral plane may add (see EdgeField). */
type Facing = 'front' | 'back' | 'top' | 'bottom';
const LATERAL_FACINGS: readonly Facing[] = (experimentEnv('LATERAL_FACINGS') ?? 'back').split(',') as Facing[];

/**
 * The view of a volume with its two parasagittal neighbours (LATERAL_PLANE_OFFSET_MM either side along the plane's
 * normal, same in-plane coordinates), built on first use; a plane image's view as it is (it has no neighbours).
 */
export function withLateralPlanes(view: PlaneView, image: AnalysisImage, axes?: { readonly rowCosine: Vec3; readonly columnCosine: Vec3 }): PlaneView {
  if (image.kind !== 'volume' || LATERAL_PLANE_OFFSET_MM <= 0) return view;
  let built: readonly PlaneView[] | undefined;
  const lateralViews = (): readonly PlaneView[] => {
    if (built) return built;
    const origin = view.toWorld([0, 0]);
    const normal = cross3(subtract3(view.toWorld([1, 0]), origin), subtract3(view.toWorld([0, 1]), origin));
    const out: PlaneView[] = [];
    for (const side of [-1, 1]) {
      const lateral = planeViewOf(image, addScaled3(origin, normal, side * LATERAL_PLANE_OFFSET_MM), axes);
      if (lateral.ok) out.push(lateral.value);
    }
    built = out;
    return out;
  };
  return { ...view, lateralViews };
}

/**
 * The edge field of the displayed plane with the posterior wall's edges of the lateral planes added: a sample counts as
 * edge where any of the planes shows one (their responses judged against the displayed field's cap). Unchanged when
 * the view has no lateral planes.
 */
export function withLateralEdges(field: EdgeField, view: PlaneView, seed: Vec2, polarity: ShellPolarity): EdgeField {
  const laterals = view.lateralViews?.() ?? [];
  if (laterals.length === 0 || LATERAL_FACINGS.length === 0) return field;
  const others = laterals.map((lateral) => edgeFieldOf(lateral, seed, polarity, field.cranial, field.gridMm, field.cap));
  const merged: Record<Facing, Float64Array> = { front: field.front, back: field.back, top: field.top, bottom: field.bottom };
  const mode = experimentEnv('LATERAL_MODE') ?? 'majority';
  for (const facing of LATERAL_FACINGS) {
    merged[facing] = mode === 'or' ? anyEdge(field[facing], others.map((o) => o[facing]), field.n) : majorityEdge(field[facing], others.map((o) => o[facing]), field.n, Math.max(1, Math.round(Number(experimentEnv('LATERAL_REACH_MM') ?? 1) / field.gridMm)));
  }
  return { ...field, ...merged };
}

/** Cumulative edge counts (n lines of n + 1) of the samples that are edge in `own` or in any of `others`. */
function anyEdge(own: Float64Array, others: readonly Float64Array[], n: number): Float64Array {
  const out = new Float64Array(own.length);
  for (let line = 0; line < n; line += 1) {
    const o = line * (n + 1);
    for (let k = 0; k < n; k += 1) {
      let edge = own[o + k + 1]! - own[o + k]!;
      for (const other of others) if (edge === 0) edge = other[o + k + 1]! - other[o + k]!;
      out[o + k + 1] = out[o + k]! + edge;
    }
  }
  return out;
}

/**
 * Cumulative edge counts (n lines of n + 1) of the samples where at least two of the planes show an edge: the displayed
 * plane's own sample, and each other plane's within `reach` lines either side (a wall need not lie at the same place
 * on parallel planes).
 */
function majorityEdge(own: Float64Array, others: readonly Float64Array[], n: number, reach: number): Float64Array {
  const out = new Float64Array(own.length);
  const at = (cum: Float64Array, line: number, k: number) => cum[line * (n + 1) + k + 1]! - cum[line * (n + 1) + k]!;
  for (let line = 0; line < n; line += 1) {
    const o = line * (n + 1);
    for (let k = 0; k < n; k += 1) {
      let votes = at(own, line, k);
      for (const other of others) {
        let seen = 0;
        for (let d = -reach; d <= reach && seen === 0; d += 1) {
          const l = line + d;
          if (l >= 0 && l < n) seen = at(other, l, k);
        }
        votes += seen;
      }
      out[o + k + 1] = out[o + k]! + (votes >= 2 ? 1 : 0);
    }
  }
  return out;
}
