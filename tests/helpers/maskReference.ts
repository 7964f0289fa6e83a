/**
 * Reference six points of one vertebral body from an expert label mask, on one sagittal slice: the mask's own
 * boundary, read the way a reader places points, independent of the image intensities.
 *
 * 1. The body is the most anterior connected region (4-neighbours, ≥ MIN_BODY_AREA_PX pixels) of the label on the
 *    slice (on a midsagittal slice the spinous process and lamina are separate regions behind the canal).
 * 2. Boundaries are where the bilinearly interpolated 0/1 mask crosses 0.5 (the mask's edge at half maximum).
 * 3. The body axis (cranial) is the region's minor principal axis: a thoraco-lumbar body is deeper than high, so the
 *    major axis runs front to back; anterior is perpendicular to it, towards the front (−y). With `axis` 'endplates'
 *    (a second reading, for comparison) it is then turned until it is perpendicular to the mean slope of the mask's
 *    superior and inferior boundaries over the central 60 % of the depth (ENDPLATE_AXIS_ITERATIONS times): a mask that
 *    holds an osteophyte or a lipped rim at one corner tilts its principal axis away from the endplates' normal (VerSe
 *    sub-verse012's T10 and T11 by about 10°), and a height line along that axis 1 mm inside a wall can leave the body
 *    through the wall short of the corner.
 * 4. The anterior and posterior walls are the median boundary positions at seven heights over the central 60 % of
 *    the body; the anterior and posterior
 *    points lie `insetMm` inside them, the middle points half way between the walls; each point's height is the
 *    mask's superior or inferior boundary along the axis: at mid-depth the median over ±1 mm, at a corner the line
 *    fitted (Theil–Sen) to the boundary over the CORNER_SPAN_MM inside it — the rule analysis/ uses.
 * 5. The endplate at a given depth is the body's outline farthest from its centre along the axis there (the last
 *    0.5-crossing of the column), not the first: the endplate is the cranial (caudal) surface of the body, and near a
 *    corner a column 1 mm inside the median wall can leave the body through the wall and come back into it. The
 *    anterior surface of a thoraco-lumbar body is concave from rim to rim ("waisted") and the ring apophysis flares
 *    out at each end, and the wall of a wedged or tilted body is oblique to the body's axis, so just below a rim the
 *    wall can lie behind that column (on VerSe sub-verse012, 7 of the 96 corner columns of T10–L3 first crossed the
 *    wall 1–5 mm from the centre and re-entered the body, which put those corners 5–12 mm down the wall). Genant's six-point method
 *    (Genant et al., J Bone Miner Res 1993;8:1137) places the anterior and posterior points at the endplates' corners,
 *    so a crossing through the wall is not an endplate point. Where the column reaches no endplate at all (a crushed
 *    corner whose wall is bevelled back, L1 here) the outermost crossing is the body's outline at that depth, which
 *    is where a reader puts the collapsed corner.
 */

/** A sagittal slice of a label mask: value at (column a, row b), with a → patient y and b → patient z. */
export interface MaskSlice {
  readonly width: number;
  readonly height: number;
  /** Label at integer (a, b); 0 outside. */
  readonly labelAt: (a: number, b: number) => number;
  /** Patient (y, z) mm of integer (a, b). */
  readonly toPatient: (a: number, b: number) => readonly [number, number];
  /** Pixel size along a and b, mm. */
  readonly spacingMm: readonly [number, number];
}

/** The six points of one body in the slice's patient (y, z) mm, anterior = −y, cranial = +z. */
export interface ReferencePoints {
  readonly anteriorSuperior: readonly [number, number];
  readonly anteriorInferior: readonly [number, number];
  readonly middleSuperior: readonly [number, number];
  readonly middleInferior: readonly [number, number];
  readonly posteriorSuperior: readonly [number, number];
  readonly posteriorInferior: readonly [number, number];
}

const MIN_BODY_AREA_PX = 50;
/** Fits of the centre, walls and axis with `axis` 'endplates' (each turns the axis; six settle it on VerSe's bodies). */
const ENDPLATE_AXIS_ITERATIONS = 6;
/** Length of endplate inward from a corner whose boundary line gives the corner's height, mm (as analysis/ does). */
const CORNER_SPAN_MM = 3;
const STEP_MM = 0.1;

type P = readonly [number, number];

/** Pixels (a, b) of the most anterior sizeable connected region of `label`, or null. */
function bodyRegion(slice: MaskSlice, label: number): Array<[number, number]> | null {
  const seen = new Uint8Array(slice.width * slice.height);
  let best: Array<[number, number]> | null = null;
  let bestY = Infinity;
  for (let b = 0; b < slice.height; b += 1) {
    for (let a = 0; a < slice.width; a += 1) {
      if (seen[a + b * slice.width] || slice.labelAt(a, b) !== label) continue;
      const region: Array<[number, number]> = [];
      const stack: Array<[number, number]> = [[a, b]];
      seen[a + b * slice.width] = 1;
      while (stack.length > 0) {
        const [x, y] = stack.pop()!;
        region.push([x, y]);
        for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= slice.width || ny >= slice.height) continue;
          if (seen[nx + ny * slice.width] || slice.labelAt(nx, ny) !== label) continue;
          seen[nx + ny * slice.width] = 1;
          stack.push([nx, ny]);
        }
      }
      if (region.length < MIN_BODY_AREA_PX) continue;
      const meanY = region.reduce((s, [x, y]) => s + slice.toPatient(x, y)[0], 0) / region.length;
      if (meanY < bestY) {
        bestY = meanY;
        best = region;
      }
    }
  }
  return best;
}

/**
 * Centroid and principal axes of points (patient y, z mm): the major axis's angle from +y (radians) and the second
 * moments about the centroid along the major and the minor axis (mm²).
 */
function principalAxes(points: readonly P[]): { centroid: P; majorAngle: number; alongMajor: number; alongMinor: number } {
  const centroid = points.reduce<[number, number]>((s, p) => [s[0] + p[0] / points.length, s[1] + p[1] / points.length], [0, 0]);
  let syy = 0;
  let szz = 0;
  let syz = 0;
  for (const p of points) {
    syy += (p[0] - centroid[0]) ** 2;
    szz += (p[1] - centroid[1]) ** 2;
    syz += (p[0] - centroid[0]) * (p[1] - centroid[1]);
  }
  const spread = Math.hypot((syy - szz) / 2, syz);
  return {
    centroid,
    majorAngle: 0.5 * Math.atan2(2 * syz, syy - szz),
    alongMajor: (syy + szz) / 2 + spread,
    alongMinor: (syy + szz) / 2 - spread,
  };
}

/**
 * A body whose moment along its minor principal axis is over this share of the one along its major axis has its axis
 * read from the outline facing its neighbours (facingAxis). On the real lumbar MR of Chu et al. and Zukić et al. nine
 * bodies about as high as deep (T12–L5) had their reference points read along the walls before; the tilted, wedged L5s
 * of the second set, whose minor axis is clear, read no better from the facing outline (the sacrum below them).
 */
const SQUARE_MOMENT_SHARE = 0.7;

/** The outline facing a neighbouring body: its pixels within this much of their nearest to that body, mm. */
const FACING_MARGIN_MM = 4;

/**
 * The body's axis from the parts of its outline that face its neighbours (`label` ± 1 on the slice): an endplate is the
 * surface across the disc from the next body, whatever the body's proportions. Each facing part is the outline's
 * pixels within FACING_MARGIN_MM of their nearest to that neighbour; the axis is perpendicular to the mean direction of
 * the facing parts' principal axes, oriented to the head (+z). Null without a neighbour on the slice. A body about as
 * high as deep has no clear minor principal axis (on the real lumbar T2s of Chu et al. five bodies started from one
 * along the walls, and the endplates' turns then settled on the walls).
 */
function facingAxis(slice: MaskSlice, label: number, region: readonly (readonly [number, number])[]): P | null {
  const inside = new Set(region.map(([a, b]) => a + b * slice.width));
  const outline = region.filter(([a, b]) =>
    [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([da, db]) => !inside.has(a + da! + (b + db!) * slice.width)));
  const points = outline.map(([a, b]) => slice.toPatient(a, b));
  const directions: P[] = [];
  for (const other of [label - 1, label + 1]) {
    const neighbour = other > 0 ? bodyRegion(slice, other) : null;
    if (!neighbour) continue;
    const theirs = neighbour.map(([a, b]) => slice.toPatient(a, b));
    const gaps = points.map((p) => Math.min(...theirs.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1]))));
    const nearest = Math.min(...gaps);
    const facing = points.filter((_, k) => gaps[k]! <= nearest + FACING_MARGIN_MM);
    if (facing.length < 3) continue;
    const angle = principalAxes(facing).majorAngle;
    const along: P = [Math.cos(angle), Math.sin(angle)];
    // Both facing parts' directions pointing the same way (front to back) before they are averaged.
    directions.push(along[0] >= 0 ? along : [-along[0], -along[1]]);
  }
  if (directions.length === 0) return null;
  const mean: P = [directions.reduce((t, d) => t + d[0], 0), directions.reduce((t, d) => t + d[1], 0)];
  const length = Math.hypot(mean[0], mean[1]);
  if (!(length > 0)) return null;
  const normal: P = [-mean[1] / length, mean[0] / length];
  return normal[1] >= 0 ? normal : [-normal[0], -normal[1]];
}

/**
 * The reference six points of `label` on `slice`, `insetMm` inside the walls (the analysis's WALL_INSET_MM for a fair
 * comparison); null when the label has no body on the slice.
 */
export function referencePointsFromMask(slice: MaskSlice, label: number, insetMm: number, axis: 'principal' | 'endplates' = 'principal'): ReferencePoints | null {
  const region = bodyRegion(slice, label);
  if (!region) return null;
  const inRegion = new Uint8Array(slice.width * slice.height);
  for (const [a, b] of region) inRegion[a + b * slice.width] = 1;
  const [sa, sb] = slice.spacingMm;
  const origin = slice.toPatient(0, 0);
  // Bilinear 0/1 mask of the region at patient (y, z).
  const maskAt = (p: P): number => {
    const fa = (p[0] - origin[0]) / sa;
    const fb = (p[1] - origin[1]) / sb;
    const a0 = Math.floor(fa);
    const b0 = Math.floor(fb);
    const ta = fa - a0;
    const tb = fb - b0;
    const v = (a: number, b: number) =>
      a < 0 || b < 0 || a >= slice.width || b >= slice.height ? 0 : inRegion[a + b * slice.width]!;
    return (v(a0, b0) * (1 - ta) + v(a0 + 1, b0) * ta) * (1 - tb) + (v(a0, b0 + 1) * (1 - ta) + v(a0 + 1, b0 + 1) * ta) * tb;
  };
  /**
   * Distance from `start` (inside) along `dir` to where the mask falls below 0.5, mm: the first such crossing, or with
   * `outermost` the last one within the search (see 5. above).
   */
  const exit = (start: P, dir: P, outermost = false): number => {
    let previous = maskAt(start);
    let found = Number.NaN;
    for (let t = STEP_MM; t < 80; t += STEP_MM) {
      const value = maskAt([start[0] + dir[0] * t, start[1] + dir[1] * t]);
      if (value < 0.5 && previous >= 0.5) {
        found = t - STEP_MM + ((previous - 0.5) / (previous - value)) * STEP_MM;
        if (!outermost) return found;
      }
      previous = value;
    }
    return found;
  };
  const median = (values: number[]) => {
    const s = values.filter(Number.isFinite).sort((x, y) => x - y);
    return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  // Principal axes of the region: a thoraco-lumbar body is deeper than high, so the major axis runs front to back.
  const { centroid, majorAngle: major, alongMajor, alongMinor } = principalAxes(region.map(([a, b]) => slice.toPatient(a, b)));
  // The minor axis, oriented to the head (+z).
  const minor: P = [-Math.sin(major), Math.cos(major)];
  let cranial: P = minor[1] >= 0 ? minor : [-minor[0], -minor[1]];
  // With the minor principal moment over SQUARE_MOMENT_SHARE of the major the body is about as high as deep, and its
  // principal axes say nothing of where its endplates are.
  if (axis === 'endplates' && alongMinor > SQUARE_MOMENT_SHARE * alongMajor) cranial = facingAxis(slice, label, region) ?? cranial;
  const move = (p: P, d: P, t: number): P => [p[0] + d[0] * t, p[1] + d[1] * t];
  /** The axis turned perpendicular to the mean slope of the boundaries above and below, over the central 60 % of the depth. */
  const endplateNormal = (from: P, up: P, front: P, halfDepth: number): P => {
    const us = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3].map((f) => f * 2 * halfDepth);
    const slopeOf = (side: 1 | -1): number => {
      const pts = us
        .map((u) => [u, side * exit(move(from, front, u), side === 1 ? up : [-up[0], -up[1]], true)] as const)
        .filter(([, v]) => Number.isFinite(v));
      const mu = pts.reduce((a, [u]) => a + u, 0) / pts.length;
      const mv = pts.reduce((a, [, v]) => a + v, 0) / pts.length;
      return pts.reduce((a, [u, v]) => a + (u - mu) * (v - mv), 0) / pts.reduce((a, [u]) => a + (u - mu) ** 2, 0);
    };
    const t = -Math.atan((slopeOf(1) + slopeOf(-1)) / 2);
    const turned: P = [up[0] * Math.cos(t) + front[0] * Math.sin(t), up[1] * Math.cos(t) + front[1] * Math.sin(t)];
    const length = Math.hypot(turned[0], turned[1]);
    return [turned[0] / length, turned[1] / length];
  };
  let centre: P = centroid;
  let walls = { front: 0, back: 0 };
  for (let iteration = 0; iteration < (axis === 'endplates' ? ENDPLATE_AXIS_ITERATIONS : 2); iteration += 1) {
    const anterior: P = [-cranial[1], cranial[0]];
    const posterior: P = [-anterior[0], -anterior[1]];
    const down: P = [-cranial[0], -cranial[1]];
    const up = exit(centre, cranial);
    const low = exit(centre, down);
    const mid = move(centre, cranial, (up - low) / 2);
    const height = up + low;
    const fronts: number[] = [];
    const backs: number[] = [];
    for (const f of [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]) {
      const start = move(mid, cranial, f * height);
      fronts.push(exit(start, anterior));
      backs.push(exit(start, posterior));
    }
    walls = { front: median(fronts), back: median(backs) };
    centre = move(mid, anterior, (walls.front - walls.back) / 2);
    if (axis === 'endplates') cranial = endplateNormal(centre, cranial, anterior, (walls.front + walls.back) / 2);
  }
  const anterior: P = [-cranial[1], cranial[0]];
  const halfDepth = (walls.front + walls.back) / 2;
  const exitAt = (u: number, side: 1 | -1): number => {
    const start = move(centre, anterior, u);
    return exit(start, side === 1 ? cranial : [-cranial[0], -cranial[1]], true);
  };
  /**
   * The endplate point at u: at a corner (inward = ±1) the height of the Theil–Sen line through the boundary at u, u
   * ∓ 1, … ∓ CORNER_SPAN_MM (the mask's staircase and a rounded rim move one column, not the line); at mid-depth
   * (inward = 0) the median boundary of u − 1, u, u + 1.
   */
  const pointAt = (u: number, side: 1 | -1, inward: -1 | 0 | 1): P => {
    const direction: P = side === 1 ? cranial : [-cranial[0], -cranial[1]];
    let v: number;
    if (inward === 0) {
      v = median([u - 1, u, u + 1].map((x) => exitAt(x, side)));
    } else {
      const us = Array.from({ length: CORNER_SPAN_MM + 1 }, (_, d) => u + inward * d);
      const vs = us.map((x) => exitAt(x, side));
      const slopes: number[] = [];
      for (let i = 0; i < us.length; i += 1) {
        for (let j = i + 1; j < us.length; j += 1) slopes.push((vs[j]! - vs[i]!) / (us[j]! - us[i]!));
      }
      const slope = median(slopes);
      v = median(us.map((x, i) => vs[i]! - slope * (x - u)));
    }
    return move(move(centre, anterior, u), direction, v);
  };
  const uA = halfDepth - insetMm;
  const uP = -halfDepth + insetMm;
  return {
    anteriorSuperior: pointAt(uA, 1, -1),
    anteriorInferior: pointAt(uA, -1, -1),
    middleSuperior: pointAt(0, 1, 0),
    middleInferior: pointAt(0, -1, 0),
    posteriorSuperior: pointAt(uP, 1, 1),
    posteriorInferior: pointAt(uP, -1, 1),
  };
}
