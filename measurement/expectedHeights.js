/**
 * Expected Ha, Hm, Hp (mm) of a vertebra from its nearest normal neighbours, wall by wall: with a cranial neighbour a
 * levels up and a caudal one b levels down, linear interpolation by level number, (b·H_cranial + a·H_caudal) / (a + b),
 * which is the plain mean when both are equally far (Genant's "same or adjacent vertebrae", Genant et al., JBMR 1993;
 * heights predicted from normal neighbours as in McCloskey EV et al., Osteoporos Int 1993;3:138–147 and Eastell R et
 * al., J Bone Miner Res 1991;6:207–215). Interpolating rather than averaging keeps the natural growth of the bodies
 * down the spine (about 1–2 mm per lumbar level) from reading as a loss when one neighbour is two levels away. With one
 * neighbour its heights are used as they are; with none the result is null.
 */
export function expectedHeightsFromNeighbours(cranial, caudal) {
    if (cranial === null && caudal === null)
        return null;
    if (cranial === null || caudal === null) {
        const only = (cranial ?? caudal);
        return { heights: only.heights, cranialWeight: cranial === null ? 0 : 1, caudalWeight: caudal === null ? 0 : 1 };
    }
    const total = cranial.levelDistance + caudal.levelDistance;
    const cranialWeight = caudal.levelDistance / total;
    const caudalWeight = cranial.levelDistance / total;
    const mix = (key) => cranialWeight * cranial.heights[key] + caudalWeight * caudal.heights[key];
    return {
        heights: { anteriorMm: mix('anteriorMm'), middleMm: mix('middleMm'), posteriorMm: mix('posteriorMm') },
        cranialWeight,
        caudalWeight,
    };
}
