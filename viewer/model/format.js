/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else unchanged. */
export function formatDicomDate(da) {
    return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da || '(no date)';
}
/** A number with `digits` decimals and a suffix, or a dash when there is none. */
export const fmt = (v, digits, suffix = '') => v === null || v === undefined ? '—' : `${v.toFixed(digits)}${suffix}`;
/** Like fmt, with a + in front of positive numbers (gains, changes). */
export const signed = (v, digits, suffix = '') => v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(digits)}${suffix}`;
