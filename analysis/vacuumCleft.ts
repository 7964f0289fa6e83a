import type { BodyFrame } from './bodyFrame';
import { at } from './bodyPoints';
import type { PlaneView } from './planeView';
import type { Vec2 } from './vec';

/**
 * Gas inside a vertebral body on CT: an intravertebral vacuum cleft, the gas that collects in the unhealed cleft of an
 * osteoporotic compression fracture (Kümmell's disease; Libicher M et al., Radiology 2007;245:232 and Wu AM et al.,
 * Spine 2013;38:E1527 find it in roughly one in ten to one in three of such fractures on CT). Its edges are the
 * strongest in the body (gas at −1,000 HU against bone), so a body's frame can stop at the cleft and leave the bone in
 * front of it out (the real VerSe CT's crushed L1: its anterior wall read 8–10 mm behind the bone's from 22 of 45 clicks
 * around its centre, Ha 5–14 mm too tall). Filled in with the marrow around it, as cement is (planeView.ts), the cleft
 * no longer offers an edge, and the body is read to its own walls.
 */

/**
 * Values at or below this are gas, HU, as the view reads them (smoothed on a noisy CT): below fat (≈ −100 HU) and any
 * marrow, fatty or not, yet above a small cleft blurred by that smoothing (the VerSe cleft's core reads −250 to −320 HU
 * at σ 1.2 mm, its raw voxels −450 to −850).
 */
const GAS_MAX_HU = -200;
/** The grid the frame's surroundings are searched on, mm. */
const STEP_MM = 0.5;
/** A cleft covers at least this much of the plane, mm²: a dark noise speck on a noisy CT does not. */
const MIN_CLEFT_AREA_MM2 = 3;
/** The search reaches this far in front of the frame's anterior wall, mm: the cleft and the bone in front of it. */
const IN_FRONT_MM = 12;
/** …and keeps this far from each endplate of the frame, mm: gas in a disc (vacuum disc) lies beyond them. */
const ENDPLATE_MARGIN_MM = 2;
/** Bone must lie within this far in front of gas found in front of the wall, mm, for that gas to be inside the body. */
const BONE_AHEAD_MM = 6;
/**
 * …over a run this long at least, mm, its mean at least BONE_SHARE of the marrow's level and BONE_MIN_HU: bone, as
 * against soft tissue or blood (30–60 HU); a fractured body's fragment is no denser than its marrow, and on the VerSe
 * CT's L1 read 150–220 HU in front of the cleft where the marrow at the click read 199 HU.
 */
const BONE_RUN_MM = 2;
const BONE_SHARE = 0.5;
const BONE_MIN_HU = 60;
/**
 * Gas in front of the anterior wall that goes on this far past one of the body's endplates, in front of the wall, mm, lies
 * in a tube or cavity beside the spine (the oesophagus beside a thoracic body, bowel, lung), not in the body: a cleft
 * is closed by the body's own endplates. The search stops ENDPLATE_MARGIN_MM inside them, so this reaches 4 mm past
 * that edge.
 */
const PAST_ENDPLATE_MM = 2;
/** The gas is filled with a margin this wide (its partial-volume rim), mm, from a ring this wide around it, mm. */
const FILL_MARGIN_MM = 1;
const FILL_RING_MM = 2;

/**
 * The plane points of gas inside the body of `frame` on a CT (HU), or null when there is none: connected gas of at least
 * MIN_CLEFT_AREA_MM2 between the frame's endplates (ENDPLATE_MARGIN_MM inside them), behind its anterior wall, or in
 * front of it with bone in front of the gas (then the wall found is the cleft's edge, and the body goes on beyond it).
 * Gas in front of the wall with soft tissue beyond it (bowel) is outside the body and left alone.
 */
export function cleftGas(view: PlaneView, frame: BodyFrame): Vec2[] | null {
  if (!view.hounsfield) return null;
  const us: number[] = [];
  for (let u = frame.posteriorWallMm + 1; u <= frame.anteriorWallMm + IN_FRONT_MM; u += STEP_MM) us.push(u);
  const vs: number[] = [];
  for (let v = frame.inferiorMm + ENDPLATE_MARGIN_MM; v <= frame.superiorMm - ENDPLATE_MARGIN_MM; v += STEP_MM) vs.push(v);
  if (us.length === 0 || vs.length === 0) return null;
  const nu = us.length;
  const gas = new Uint8Array(nu * vs.length);
  vs.forEach((v, r) => us.forEach((u, c) => {
    const p = at(frame, u, v);
    if (view.valueAt(p[0], p[1]) <= GAS_MAX_HU) gas[c + r * nu] = 1;
  }));
  const minSamples = MIN_CLEFT_AREA_MM2 / (STEP_MM * STEP_MM);
  const seen = new Uint8Array(gas.length);
  const found: Vec2[] = [];
  for (let start = 0; start < gas.length; start += 1) {
    if (!gas[start] || seen[start]) continue;
    const component: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      component.push(i);
      const c = i % nu;
      const r = (i - c) / nu;
      for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const cc = c + dc;
        const rr = r + dr;
        const j = cc + rr * nu;
        if (cc < 0 || rr < 0 || cc >= nu || rr >= vs.length || !gas[j] || seen[j]) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    if (component.length < minSamples) continue;
    const frontMost = Math.max(...component.map((i) => us[i % nu]!));
    if (frontMost > frame.anteriorWallMm && (!boneAhead(view, frame, us, vs, component, nu) || pastEndplates(view, frame, us, vs, component, nu))) continue;
    for (const i of component) found.push(at(frame, us[i % nu]!, vs[(i - (i % nu)) / nu]!));
  }
  return found.length > 0 ? found : null;
}

/**
 * Whether bone lies in front of a gas component that reaches beyond the frame's anterior wall: on at least half of its
 * rows, a run of BONE_RUN_MM within BONE_AHEAD_MM in front of the row's front-most gas sample reads as bone (BONE_SHARE,
 * BONE_MIN_HU).
 */
function boneAhead(view: PlaneView, frame: BodyFrame, us: readonly number[], vs: readonly number[], component: readonly number[], nu: number): boolean {
  const frontByRow = new Map<number, number>();
  for (const i of component) {
    const c = i % nu;
    const r = (i - c) / nu;
    frontByRow.set(r, Math.max(frontByRow.get(r) ?? -Infinity, us[c]!));
  }
  const run = Math.round(BONE_RUN_MM / STEP_MM);
  const boneMin = Math.max(BONE_SHARE * frame.marrow.levelValue, BONE_MIN_HU);
  let withBone = 0;
  for (const [r, front] of frontByRow) {
    const v = vs[r]!;
    const values: number[] = [];
    for (let u = front + STEP_MM; u <= front + BONE_AHEAD_MM; u += STEP_MM) {
      const p = at(frame, u, v);
      values.push(view.valueAt(p[0], p[1]));
    }
    for (let k = 0; k + run <= values.length; k += 1) {
      const mean = values.slice(k, k + run).reduce((s, x) => s + x, 0) / run;
      if (mean >= boneMin) {
        withBone += 1;
        break;
      }
    }
  }
  return withBone * 2 >= frontByRow.size;
}

/**
 * Whether a gas component that reaches in front of the frame's anterior wall goes on past one of its endplates there:
 * on its top (bottom) row, at any of its samples in front of the wall, every sample up to PAST_ENDPLATE_MM beyond the
 * superior (inferior) endplate reads as gas.
 */
function pastEndplates(view: PlaneView, frame: BodyFrame, us: readonly number[], vs: readonly number[], component: readonly number[], nu: number): boolean {
  const lastRow = vs.length - 1;
  const edges = [
    { row: lastRow, from: vs[lastRow]!, to: frame.superiorMm + PAST_ENDPLATE_MM, step: STEP_MM },
    { row: 0, from: vs[0]!, to: frame.inferiorMm - PAST_ENDPLATE_MM, step: -STEP_MM },
  ];
  return edges.some(({ row, from, to, step }) =>
    component.some((i) => {
      const c = i % nu;
      if ((i - c) / nu !== row || us[c]! <= frame.anteriorWallMm) return false;
      for (let v = from + step; step > 0 ? v <= to : v >= to; v += step) {
        const p = at(frame, us[c]!, v);
        if (!(view.valueAt(p[0], p[1]) <= GAS_MAX_HU)) return false;
      }
      return true;
    }),
  );
}

/**
 * `view` with the gas at `gasPoints` (grown by FILL_MARGIN_MM) read as the median of the tissue in a FILL_RING_MM ring
 * around it (mostly marrow), in both its samplers (`filledAt` stays cement's alone).
 */
export function withGasFilled(view: PlaneView, gasPoints: readonly Vec2[]): PlaneView {
  const key = (x: number, y: number): string => `${Math.round(x / STEP_MM)},${Math.round(y / STEP_MM)}`;
  const cellsWithin = (radiusMm: number): Set<string> => {
    const cells = new Set<string>();
    const reach = Math.ceil(radiusMm / STEP_MM);
    for (const [x, y] of gasPoints) {
      for (let dx = -reach; dx <= reach; dx += 1) {
        for (let dy = -reach; dy <= reach; dy += 1) {
          if (Math.hypot(dx, dy) * STEP_MM <= radiusMm) cells.add(key(x + dx * STEP_MM, y + dy * STEP_MM));
        }
      }
    }
    return cells;
  };
  const grown = cellsWithin(FILL_MARGIN_MM);
  const ring: number[] = [];
  for (const cell of cellsWithin(FILL_MARGIN_MM + FILL_RING_MM)) {
    if (grown.has(cell)) continue;
    const [cx, cy] = cell.split(',').map(Number) as [number, number];
    const value = view.valueAt(cx * STEP_MM, cy * STEP_MM);
    if (Number.isFinite(value)) ring.push(value);
  }
  if (ring.length === 0) return view;
  ring.sort((a, b) => a - b);
  const fill = ring[ring.length >> 1]!;
  const inGas = (x: number, y: number): boolean => grown.has(key(x, y));
  return {
    ...view,
    valueAt: (x, y) => (inGas(x, y) ? fill : view.valueAt(x, y)),
    unsmoothedValueAt: (x, y) => (inGas(x, y) ? fill : view.unsmoothedValueAt(x, y)),
  };
}
