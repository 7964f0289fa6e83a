function mostCommon(values) {
    const counts = new Map();
    for (const value of values)
        counts.set(value, (counts.get(value) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    return ranked[0]?.[0] ?? null;
}
/**
 * The images of a series that can be shown together, and the ones left out: a slice with a malformed geometry
 * attribute (PixelSpacing "0.7\0é7", a "nan" position, a degenerate orientation) or a pixel format other than the
 * series' most common one is left out and named, as long as other slices remain, so that one bad slice never costs
 * the series its calibration or its reformats. When every image is affected, all are kept (and each file carries its
 * own warning).
 */
export function screenSeriesImages(images) {
    const wellFormed = images.filter((i) => !i.meta.malformedGeometry);
    if (wellFormed.length === 0)
        return { kept: [...images], leftOut: [] };
    const leftOut = images
        .filter((i) => i.meta.malformedGeometry)
        .map(({ meta }) => ({
        fileName: meta.fileName,
        message: `left out of its series: ${(meta.malformedGeometry ?? []).join('; ')}; the other slices are shown and measured without it`,
    }));
    const commonFormat = mostCommon(wellFormed.map((i) => i.meta.pixelFormatKey ?? ''));
    const kept = wellFormed.filter((i) => (i.meta.pixelFormatKey ?? '') === commonFormat);
    for (const { meta } of wellFormed.filter((i) => !kept.includes(i))) {
        leftOut.push({
            fileName: meta.fileName,
            message: `left out of its series: its pixel format (bits allocated/stored/samples/sign ${meta.pixelFormatKey ?? 'unknown'}) differs from the other slices (${commonFormat ?? 'unknown'}), which cannot share one volume`,
        });
    }
    return { kept, leftOut };
}
