/**
 * Order statistics of a typed array by selection (quickselect with Hoare's partition): the values a numeric sort would
 * put at the given ranks, in linear expected time instead of a sort's n log n. The percentiles of the analysis (the
 * edge fields' caps, the plane's noise and range) read two or three ranks of a few thousand values per call.
 */
/**
 * The k-th smallest (0-based rank) of values[from, to), found in place: afterwards no value in [from, k) is larger and
 * none in (k, to) is smaller. Moves values about; needs from ≤ k < to and no NaN among them.
 */
function selectInPlace(values, k, from, to) {
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
        const pivot = values[(lo + hi) >> 1];
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (values[i] < pivot)
                i += 1;
            while (values[j] > pivot)
                j -= 1;
            if (i <= j) {
                const swap = values[i];
                values[i] = values[j];
                values[j] = swap;
                i += 1;
                j -= 1;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            break;
    }
    return values[k];
}
/**
 * The values at `ranks` (0-based, each within [0, values.length)) of `values` sorted ascending, without sorting them:
 * selected from the highest rank down, each within the part left below the one before. Reorders `values`; they must
 * hold no NaN. Throws on a rank outside the array (a programmer's mistake).
 */
export function orderStatisticsInPlace(values, ranks) {
    const out = new Array(ranks.length);
    const byRankDescending = ranks.map((_, i) => i).sort((a, b) => ranks[b] - ranks[a]);
    let end = values.length;
    let previousRank = -1;
    let previousValue = Number.NaN;
    for (const i of byRankDescending) {
        const rank = ranks[i];
        if (!(Number.isInteger(rank) && rank >= 0 && rank < values.length)) {
            throw new RangeError(`Rank ${rank} is outside 0…${values.length - 1}.`);
        }
        if (rank === previousRank) {
            out[i] = previousValue;
            continue;
        }
        previousValue = selectInPlace(values, rank, 0, end);
        previousRank = rank;
        out[i] = previousValue;
        end = rank;
    }
    return out;
}
