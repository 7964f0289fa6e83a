export { cellContent, CSV_BOM, CSV_LINE_END, formatCsv, guardFormula, numberCell, quoteField, textCell } from './csvTable';
export { isoStudyDate, VERTEBRA_CSV_COLUMNS } from './vertebraColumns';
export { UNCALIBRATED_NOTE, vertebraCsvRows, writeMeasurementsCsv } from './writeCsv';
export { COMPARISON_CSV_COLUMNS, comparisonCsvRows, ONLY_BASELINE_NOTE, ONLY_FOLLOWUP_NOTE, writeComparisonCsv } from './writeComparisonCsv';
export { READINGS_CSV_COLUMNS, readingsCsvRows, writeReadingsCsv } from './writeReadingsCsv';
