import { formatCsv, numberCell, textCell } from './csvTable';
const onLevel = (pick) => (row) => numberCell(row.kind === 'level' ? pick(row.level) : null);
const onSummary = (pick) => (row) => numberCell(row.kind === 'summary' ? pick(row) : null);
export const READINGS_CSV_COLUMNS = [
    { header: 'row_kind', cell: (row) => textCell(row.kind) },
    { header: 'level', cell: (row) => textCell(row.kind === 'level' ? row.level.level : '') },
    { header: 'measure', cell: (row) => textCell(row.kind === 'summary' ? row.measure : '') },
    { header: 'first_anterior_mm', cell: onLevel((l) => l.first.heights.anteriorMm) },
    { header: 'first_middle_mm', cell: onLevel((l) => l.first.heights.middleMm) },
    { header: 'first_posterior_mm', cell: onLevel((l) => l.first.heights.posteriorMm) },
    { header: 'second_anterior_mm', cell: onLevel((l) => l.second.heights.anteriorMm) },
    { header: 'second_middle_mm', cell: onLevel((l) => l.second.heights.middleMm) },
    { header: 'second_posterior_mm', cell: onLevel((l) => l.second.heights.posteriorMm) },
    { header: 'difference_anterior_mm', cell: onLevel((l) => l.differenceMm.anterior) },
    { header: 'difference_middle_mm', cell: onLevel((l) => l.differenceMm.middle) },
    { header: 'difference_posterior_mm', cell: onLevel((l) => l.differenceMm.posterior) },
    { header: 'first_height_loss_pct', cell: onLevel((l) => l.first.assessment.heightLossPct) },
    { header: 'second_height_loss_pct', cell: onLevel((l) => l.second.assessment.heightLossPct) },
    { header: 'difference_height_loss_pct', cell: onLevel((l) => l.heightLossDifferencePct) },
    { header: 'first_grade', cell: onLevel((l) => l.gradeFirst) },
    { header: 'second_grade', cell: onLevel((l) => l.gradeSecond) },
    { header: 'n', cell: onSummary((s) => s.n) },
    { header: 'rms_cv_pct', cell: onSummary((s) => s.rmsCvPct) },
    { header: 'bias', cell: onSummary((s) => s.agreement?.bias ?? null) },
    { header: 'loa_lower', cell: onSummary((s) => s.agreement?.lower ?? null) },
    { header: 'loa_upper', cell: onSummary((s) => s.agreement?.upper ?? null) },
];
function summary(measure, precision) {
    return { kind: 'summary', measure, n: precision.n, rmsCvPct: precision.rmsCvPct, agreement: precision.agreementMm };
}
/** The rows of the repeat-reading CSV: the levels cranial → caudal, then the summaries. */
export function readingsCsvRows(comparison) {
    return [
        ...comparison.levels.map((level) => ({ kind: 'level', level })),
        summary('anterior', comparison.perHeight.anterior),
        summary('middle', comparison.perHeight.middle),
        summary('posterior', comparison.perHeight.posterior),
        summary('pooled', comparison.pooled),
        { kind: 'summary', measure: 'height_loss', n: comparison.levels.length, rmsCvPct: null, agreement: comparison.heightLossAgreementPct },
    ];
}
/** Two readings of one series as CSV (columns on ReadingsCsvRow), in the vertebra CSV's format (BOM, quoted, CRLF). */
export function writeReadingsCsv(comparison) {
    return formatCsv(READINGS_CSV_COLUMNS, readingsCsvRows(comparison));
}
