/**
 * A small RFC 4180 writer for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents), a header row, every
 * field in double quotes with inner quotes doubled, CRLF after every row. Cells are typed so that numbers stay numbers
 * while text gets the formula-injection guard.
 */
/** The UTF-8 byte-order mark, as the first character of the text. */
export const CSV_BOM = '\uFEFF';
/** Line end after every row, header included (RFC 4180). */
export const CSV_LINE_END = '\r\n';
/** A shorthand for a text cell, or empty for null. */
export function textCell(value) {
    return value === null ? null : { text: value };
}
/** A shorthand for a number cell, or empty for null. */
export function numberCell(value) {
    return value === null ? null : { number: value };
}
/** Characters that make a spreadsheet read the cell as a formula (OWASP CSV injection), plus tab and carriage return. */
const FORMULA_TRIGGERS = /^[=+\-@\t\r]/;
/**
 * Text that a spreadsheet would take for a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, which
 * Excel and LibreOffice show as text and do not evaluate; other text is unchanged.
 */
export function guardFormula(value) {
    return FORMULA_TRIGGERS.test(value) ? `'${value}` : value;
}
/**
 * The unquoted content of a cell: text guarded against formulas; a number in full precision with '.' as the decimal
 * separator (JavaScript's shortest round-trip form, so parseFloat gives the same number back); '' when empty.
 * Throws a RangeError for a number that is not finite: the measurement library never returns one.
 */
export function cellContent(cell) {
    if (cell === null)
        return '';
    if ('text' in cell)
        return guardFormula(cell.text);
    if (!Number.isFinite(cell.number))
        throw new RangeError(`CSV: a number cell holds ${cell.number}`);
    return String(cell.number);
}
/** One field in double quotes, inner quotes doubled (RFC 4180 §2.7). */
export function quoteField(content) {
    return `"${content.replace(/"/g, '""')}"`;
}
/** The whole file: BOM, header row, one row per item of `rows`, each line ended by CRLF. */
export function formatCsv(columns, rows) {
    const header = columns.map((column) => quoteField(column.header)).join(',');
    const lines = rows.map((row) => columns.map((column) => quoteField(cellContent(column.cell(row)))).join(','));
    return CSV_BOM + [header, ...lines].map((line) => line + CSV_LINE_END).join('');
}
