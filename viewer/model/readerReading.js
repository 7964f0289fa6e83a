export const NO_READING = { grade: null, endplateDepression: false, note: '' };
/** True when nothing has been recorded (no grade, no depression, no note). */
export function isEmptyReading(reading) {
    return reading === undefined || (reading.grade === null && !reading.endplateDepression && reading.note === '');
}
/** True when the reader's grade is set and differs from the morphometric grade (or from its borderline range). */
export function readerDisagrees(reading, range) {
    if (reading === undefined || reading.grade === null || range === null)
        return false;
    return reading.grade < range.min || reading.grade > range.max;
}
/** A reader reading from untrusted data (a file, the browser store), or null when it is not one. */
export function readReaderReading(raw) {
    if (typeof raw !== 'object' || raw === null)
        return null;
    const r = raw;
    const grade = r.grade === undefined ? null : r.grade;
    if (grade !== null && grade !== 0 && grade !== 1 && grade !== 2 && grade !== 3)
        return null;
    const depression = r.endplateDepression === undefined ? false : r.endplateDepression;
    if (typeof depression !== 'boolean')
        return null;
    const note = r.note === undefined ? '' : r.note;
    if (typeof note !== 'string')
        return null;
    return { grade, endplateDepression: depression, note };
}
