/** For a stack: the image whose plane holds the points (nearest along the normal), or null. */
export function imageHolding(series, points, normal) {
    const centre = Object.values(points).reduce((c, p) => [c[0] + p[0] / 6, c[1] + p[1] / 6, c[2] + p[2] / 6], [0, 0, 0]);
    let best = null;
    for (const instance of series.instances) {
        instance.imageIds.forEach((id, frame) => {
            const position = instance.meta.frames[frame]?.positionMm;
            if (!position)
                return;
            const distance = Math.abs((centre[0] - position[0]) * normal[0] + (centre[1] - position[1]) * normal[1] + (centre[2] - position[2]) * normal[2]);
            if (!best || distance < best.distance)
                best = { id, distance };
        });
    }
    return best ? best.id : null;
}
