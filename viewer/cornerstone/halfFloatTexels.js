/**
 * The largest magnitude up to which every integer is exact in a 16-bit float texel (R16F, WebGL 2 core).
 * IEEE 754-2008 binary16 (§3.6) has an 11-bit significand (10 stored bits and the implicit one), so every integer n
 * with |n| ≤ 2¹¹ = 2048 is represented exactly; 2049 is the first integer that is not (it rounds to 2048 or 2050).
 * Inclusive at both ends: −2048 and 2048 are exact.
 */
export const HALF_FLOAT_EXACT_INTEGER_LIMIT = 2048;
/** Exponent bias of binary16 (IEEE 754-2008 §3.6). */
const HALF_EXPONENT_BIAS = 15;
/** Stored significand bits of binary16. */
const HALF_SIGNIFICAND_BITS = 10;
/** The binary16 bit pattern of an integer within ±HALF_FLOAT_EXACT_INTEGER_LIMIT (exact: no rounding happens). */
export function halfFloatBitsOfInteger(n) {
    if (!Number.isInteger(n) || Math.abs(n) > HALF_FLOAT_EXACT_INTEGER_LIMIT) {
        throw new RangeError(`${n} is not an integer within ±${HALF_FLOAT_EXACT_INTEGER_LIMIT}`);
    }
    if (n === 0)
        return 0;
    const sign = n < 0 ? 0x8000 : 0;
    const magnitude = Math.abs(n);
    const exponent = 31 - Math.clz32(magnitude); // position of the leading one
    // The bits below the leading one, aligned to the 10-bit significand (exact: magnitude has at most 12 bits).
    const significand = (magnitude * 2 ** (HALF_SIGNIFICAND_BITS - exponent)) & 0x3ff;
    return sign | ((exponent + HALF_EXPONENT_BIAS) << HALF_SIGNIFICAND_BITS) | significand;
}
/** Table from n + 2048 to the binary16 bits of n, for every integer n in [−2048, 2048] (8 kB, built once). */
const HALF_BITS_BY_OFFSET_INTEGER = (() => {
    const table = new Uint16Array(2 * HALF_FLOAT_EXACT_INTEGER_LIMIT + 1);
    for (let i = 0; i < table.length; i++)
        table[i] = halfFloatBitsOfInteger(i - HALF_FLOAT_EXACT_INTEGER_LIMIT);
    return table;
})();
/**
 * Writes the binary16 bits of each value of `source` into `target` (same length or longer) and returns true, or
 * returns false at the first value that is not an integer within ±HALF_FLOAT_EXACT_INTEGER_LIMIT (then `target` is
 * partly written and must not be used): a half-float texel would not hold that value exactly.
 */
export function writeHalfFloatTexels(source, target) {
    if (target.length < source.length)
        throw new RangeError(`target holds ${target.length} texels, source has ${source.length}`);
    const table = HALF_BITS_BY_OFFSET_INTEGER;
    const last = table.length - 1;
    for (let i = 0; i < source.length; i++) {
        const index = source[i] + HALF_FLOAT_EXACT_INTEGER_LIMIT;
        // `(index | 0) === index` rejects fractions, NaN and infinities; the bounds reject integers out of range.
        if ((index | 0) !== index || index < 0 || index > last)
            return false;
        target[i] = table[index];
    }
    return true;
}
/** The number a binary16 bit pattern stands for (for tests and checks; subnormals, infinities and NaN included). */
export function numberOfHalfFloatBits(bits) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> HALF_SIGNIFICAND_BITS) & 0x1f;
    const significand = bits & 0x3ff;
    if (exponent === 0)
        return sign * significand * 2 ** (1 - HALF_EXPONENT_BIAS - HALF_SIGNIFICAND_BITS);
    if (exponent === 0x1f)
        return significand === 0 ? sign * Infinity : NaN;
    return sign * (1 + significand / 2 ** HALF_SIGNIFICAND_BITS) * 2 ** (exponent - HALF_EXPONENT_BIAS);
}
