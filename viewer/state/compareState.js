/** The two studies shown side by side; null only if an index points past the list, which compare mode never builds. */
export function comparedTimePoints(compare) {
    const baseline = compare.timePoints[compare.baselineIndex];
    const followUp = compare.timePoints[compare.followUpIndex];
    return baseline && followUp ? { baseline, followUp } : null;
}
