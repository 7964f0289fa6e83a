/** The fields of a comparison row that carry a value for scripts (`data-field`, unrounded `data-value`). */
export type ComparisonField =
  | 'gainAnteriorMm' | 'gainMiddleMm' | 'gainPosteriorMm'
  | 'restorationAnteriorPct' | 'restorationMiddlePct' | 'restorationPosteriorPct'
  | 'wedgeAngleChangeDeg' | 'cobbAngleChangeDeg' | 'gradeBefore' | 'gradeAfter';

/** One value of a comparison row: the text shown, and the unrounded value in data-value (empty when none). */
export function ComparisonCell({ field, value, text }: { field: ComparisonField; value: number | null; text: string }) {
  return <td data-field={field} data-value={value ?? ''}>{text}</td>;
}
