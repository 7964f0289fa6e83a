import type { BlandAltman, HeightPrecision, ReadingComparison } from '../../../measurement';
import { formatCsv, numberCell, textCell, type CsvColumn } from './csvTable';

/**
 * One row of the repeat-reading CSV: a level read twice (row_kind "level") or the precision of one height over the
 * levels (row_kind "summary"). Columns:
 *
 * | column | content |
 * |---|---|
 * | row_kind | level or summary |
 * | level | the level (level rows) |
 * | measure | anterior, middle, posterior, pooled (heights, mm) or height_loss (percentage points) on summary rows |
 * | first_anterior_mm … second_posterior_mm | Ha, Hm, Hp of each reading, mm |
 * | difference_anterior_mm, difference_middle_mm, difference_posterior_mm | second − first, mm |
 * | first_height_loss_pct, second_height_loss_pct, difference_height_loss_pct | graded loss of each reading and second − first, % |
 * | first_grade, second_grade | morphometric Genant grade of each reading |
 * | n | pairs in the summary |
 * | rms_cv_pct | root-mean-square CV, % (Glüer et al., Osteoporos Int 1995) |
 * | bias, loa_lower, loa_upper | Bland–Altman bias and 95 % limits of agreement (Lancet 1986), mm (percentage points for height_loss); empty with fewer than two levels |
 */
export type ReadingsCsvRow =
  | { readonly kind: 'level'; readonly level: ReadingComparison['levels'][number] }
  | { readonly kind: 'summary'; readonly measure: string; readonly n: number; readonly rmsCvPct: number | null; readonly agreement: BlandAltman | null };

type LevelRow = Extract<ReadingsCsvRow, { kind: 'level' }>;
const onLevel = (pick: (row: LevelRow['level']) => number | null) => (row: ReadingsCsvRow) => numberCell(row.kind === 'level' ? pick(row.level) : null);
const onSummary = (pick: (row: Extract<ReadingsCsvRow, { kind: 'summary' }>) => number | null) => (row: ReadingsCsvRow) =>
  numberCell(row.kind === 'summary' ? pick(row) : null);

export const READINGS_CSV_COLUMNS: ReadonlyArray<CsvColumn<ReadingsCsvRow>> = [
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

function summary(measure: string, precision: HeightPrecision): ReadingsCsvRow {
  return { kind: 'summary', measure, n: precision.n, rmsCvPct: precision.rmsCvPct, agreement: precision.agreementMm };
}

/** The rows of the repeat-reading CSV: the levels cranial → caudal, then the summaries. */
export function readingsCsvRows(comparison: ReadingComparison): ReadingsCsvRow[] {
  return [
    ...comparison.levels.map((level): ReadingsCsvRow => ({ kind: 'level', level })),
    summary('anterior', comparison.perHeight.anterior),
    summary('middle', comparison.perHeight.middle),
    summary('posterior', comparison.perHeight.posterior),
    summary('pooled', comparison.pooled),
    { kind: 'summary', measure: 'height_loss', n: comparison.levels.length, rmsCvPct: null, agreement: comparison.heightLossAgreementPct },
  ];
}

/** Two readings of one series as CSV (columns on ReadingsCsvRow), in the vertebra CSV's format (BOM, quoted, CRLF). */
export function writeReadingsCsv(comparison: ReadingComparison): string {
  return formatCsv(READINGS_CSV_COLUMNS, readingsCsvRows(comparison));
}
