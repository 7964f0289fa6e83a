/** CSV export of vertebral measurements for spreadsheets: one row per vertebra. */
export type { CsvCell, CsvColumn } from './csvTable';
export { cellContent, CSV_BOM, CSV_LINE_END, formatCsv, guardFormula, numberCell, quoteField, textCell } from './csvTable';
export type { VertebraCsvRow } from './vertebraColumns';
export { isoStudyDate, VERTEBRA_CSV_COLUMNS } from './vertebraColumns';
export { UNCALIBRATED_NOTE, vertebraCsvRows, writeMeasurementsCsv } from './writeCsv';
export type { ComparisonCsvInput, ComparisonCsvRow, ComparisonCsvStudy } from './writeComparisonCsv';
export { COMPARISON_CSV_COLUMNS, comparisonCsvRows, ONLY_BASELINE_NOTE, ONLY_FOLLOWUP_NOTE, writeComparisonCsv } from './writeComparisonCsv';
export type { ReadingsCsvRow } from './writeReadingsCsv';
export { READINGS_CSV_COLUMNS, readingsCsvRows, writeReadingsCsv } from './writeReadingsCsv';
