import { GENANT_GRADE_NAMES, gradeRangeLabel, gradeRuleCode, SPINAL_LEVELS, type SpinalLevel } from '../../measurement';
import { seriesMorphometry, type MorphometryRow } from '../model/morphometry';
import { isUnconfirmed, needsCheck } from '../model/proposal';
import { readingOf } from '../model/measurements';
import { readerDisagrees, type ReaderReading } from '../model/readerReading';
import { LevelOrderWarning } from './LevelOrderWarning';
import { ReaderReadingCell } from './ReaderReadingCell';
import { RepeatReadingPanel, type RepeatReadingCommands } from './RepeatReadingPanel';
import { useAppState } from '../state/useAppState';

type Field =
  | 'anteriorMm' | 'middleMm' | 'posteriorMm' | 'wedgeRatio' | 'biconcavityRatio' | 'crushRatio' | 'heightLossPct'
  | 'heightLossUncertaintyPct' | 'deformity' | 'grade' | 'gradeRange' | 'gradeRule' | 'wedgeAngleDeg'
  | 'expectedAnteriorMm' | 'expectedMiddleMm' | 'expectedPosteriorMm' | 'anteriorLossPct' | 'middleLossPct' | 'posteriorLossPct';

interface Cell {
  value: number | string | null;
  text: string;
}

const number = (value: number | null | undefined, digits: number, suffix = ''): Cell =>
  value === null || value === undefined ? { value: null, text: '—' } : { value, text: `${value.toFixed(digits)}${suffix}` };

/** The values of one row; uncalibrated rows keep heights (in px) and ratios but carry no loss, deformity or grade. */
function cellsOf(row: MorphometryRow, calibrated: boolean): Record<Field, Cell> {
  const a = row.assessment;
  const graded = calibrated && a !== null;
  return {
    anteriorMm: number(a?.heights.anteriorMm, 1),
    middleMm: number(a?.heights.middleMm, 1),
    posteriorMm: number(a?.heights.posteriorMm, 1),
    wedgeRatio: number(a?.assessment.wedgeRatio, 2),
    biconcavityRatio: number(a?.assessment.biconcavityRatio, 2),
    crushRatio: number(a?.assessment.crushRatio, 2),
    heightLossPct: graded ? number(a.assessment.heightLossPct, 1, ' %') : { value: null, text: '—' },
    heightLossUncertaintyPct: graded ? number(a.uncertainty?.heightLossPct, 1, ' %') : { value: null, text: '—' },
    gradeRange: graded
      ? a.uncertainty === null
        ? { value: `${a.assessment.grade}`, text: `${a.assessment.grade}` }
        : { value: gradeRangeLabel(a.uncertainty.gradeRange), text: a.uncertainty.borderline ? `grade ${a.uncertainty.gradeRange.min}–${a.uncertainty.gradeRange.max}` : `${a.uncertainty.gradeRange.min}` }
      : { value: null, text: '—' },
    gradeRule: graded ? { value: gradeRuleCode(a.assessment.gradeRule), text: gradeRuleCode(a.assessment.gradeRule) } : { value: null, text: '—' },
    expectedAnteriorMm: graded ? number(a.assessment.expectedAnteriorMm, 1) : { value: null, text: '—' },
    expectedMiddleMm: graded ? number(a.assessment.expectedMiddleMm, 1) : { value: null, text: '—' },
    expectedPosteriorMm: graded ? number(a.assessment.expectedPosteriorMm, 1) : { value: null, text: '—' },
    anteriorLossPct: graded ? number(a.assessment.anteriorLossPct, 1, ' %') : { value: null, text: '—' },
    middleLossPct: graded ? number(a.assessment.middleLossPct, 1, ' %') : { value: null, text: '—' },
    posteriorLossPct: graded ? number(a.assessment.posteriorLossPct, 1, ' %') : { value: null, text: '—' },
    deformity: graded ? { value: a.assessment.deformity, text: a.assessment.deformity } : { value: null, text: '—' },
    // A borderline grade says so where the grade is read, as the image's label does ("G1–2?"); the Range column, further
    // right, may be out of view beside the image.
    grade: graded
      ? {
        value: a.assessment.grade,
        text: `${a.assessment.grade} ${GENANT_GRADE_NAMES[a.assessment.grade]}${a.uncertainty?.borderline ? ` (${a.uncertainty.gradeRange.min}–${a.uncertainty.gradeRange.max}?)` : ''}`,
      }
      : { value: null, text: calibrated ? '—' : 'not graded' },
    wedgeAngleDeg: number(a?.wedgeAngleDeg, 1, '°'),
  };
}

/**
 * The table's columns after the level, in reading order: the three heights, then what the reader came for (the grade,
 * the loss and its uncertainty), then how the grade was reached. The panel is narrow beside the image (about a quarter
 * of the screen), so the first columns are the ones in view without scrolling sideways; the heights' unit is said once,
 * above the table, rather than in each header.
 */
const COLUMNS: ReadonlyArray<{ field: Field; label: string; title: string }> = [
  { field: 'anteriorMm', label: 'Ha', title: 'Anterior height' },
  { field: 'middleMm', label: 'Hm', title: 'Middle height' },
  { field: 'posteriorMm', label: 'Hp', title: 'Posterior height' },
  { field: 'grade', label: 'Genant', title: 'Genant semi-quantitative grade' },
  { field: 'heightLossPct', label: 'Loss', title: 'Graded height loss: the largest of the wedge, biconcave and neighbour-referenced losses' },
  { field: 'heightLossUncertaintyPct', label: '±', title: 'Uncertainty of the graded loss from the displayed pixel size and slice spacing (± %)' },
  { field: 'gradeRange', label: 'Range', title: 'The grades within the uncertainty of the losses: "grade 1–2" is borderline' },
  { field: 'deformity', label: 'Type', title: 'Deformity type' },
  { field: 'gradeRule', label: 'Rule', title: 'The loss that made the grade: wedge, biconcave (against its own Hp) or anterior/middle/crush (against the neighbours)' },
  { field: 'wedgeRatio', label: 'Ha/Hp', title: 'Wedge ratio' },
  { field: 'biconcavityRatio', label: 'Hm/Hp', title: 'Biconcavity ratio' },
  { field: 'crushRatio', label: 'Hp/ref', title: 'Crush ratio: Hp over the mean Hp of the undeformed neighbours' },
  { field: 'expectedAnteriorMm', label: 'exp. Ha', title: 'Anterior height expected from the undeformed neighbours' },
  { field: 'expectedMiddleMm', label: 'exp. Hm', title: 'Middle height expected from the undeformed neighbours' },
  { field: 'expectedPosteriorMm', label: 'exp. Hp', title: 'Posterior height expected from the undeformed neighbours' },
  { field: 'anteriorLossPct', label: 'Ha loss', title: 'Anterior height lost against the neighbours' },
  { field: 'middleLossPct', label: 'Hm loss', title: 'Middle height lost against the neighbours' },
  { field: 'posteriorLossPct', label: 'Hp loss', title: 'Posterior height lost against the neighbours (crush)' },
  { field: 'wedgeAngleDeg', label: 'Wedge°', title: 'Wedge angle between the endplates; positive = kyphotic' },
];

/** One row per measured level of the displayed series, cranial → caudal; numbers come only from measurement/. */
/** What the morphometry panel asks the app to do. */
export interface MorphometryCommands {
  focusMeasurementById(id: string): void;
  relabelMeasurement(id: string, level: SpinalLevel): void;
  deleteMeasurement(id: string): void;
  acceptProposal(id: string): void;
  acceptAllProposals(): void;
  setReaderReading(id: string, reading: ReaderReading): void;
  repeat: RepeatReadingCommands;
}

export function MorphometryPanel({ commands }: { commands: MorphometryCommands }) {
  const measurements = useAppState((s) => s.measurements);
  const seriesKey = useAppState((s) => s.plan?.seriesKey ?? null);
  const selectedId = useAppState((s) => s.selectedMeasurementId);
  const savesPending = useAppState((s) => s.savesPending);
  const saveFailed = useAppState((s) => s.saveError !== null);
  const heldBack = useAppState((s) => s.studySyncNotices.some((n) => n.kind === 'conflict'));
  const restored = useAppState((s) => {
    const study = s.patients.flatMap((p) => p.studies).find((st) => st.series.some((x) => x.key === s.plan?.seriesKey));
    return study !== undefined && s.studiesRestored.includes(study.key);
  });
  if (!seriesKey) return null;
  const { rows, calibrated, levelOrder } = seriesMorphometry(measurements, seriesKey);
  const unit = calibrated ? 'mm' : 'px';
  const unconfirmed = rows.filter((r) => isUnconfirmed(r.measurement)).map((r) => r.measurement.level);
  return (
    <section className="morphometry" aria-label="Morphometry" data-testid="morphometry-panel">
      <h2>
        Morphometry{' '}
        <small className="morphometry__saved" data-testid="save-status" data-pending={savesPending} data-failed={saveFailed || heldBack} data-restored={restored}>
          {saveFailed ? 'NOT saved in this browser' : heldBack ? 'not saved: another tab changed this study' : savesPending > 0 ? 'saving…' : 'saved in this browser'}
        </small>{' '}
        {calibrated ? '' : <span className="morphometry__warning" data-testid="morphometry-uncalibrated">uncalibrated: heights in pixels, no grade</span>}</h2>
      {unconfirmed.length > 0 && (
        <p className="morphometry__proposals" data-testid="unconfirmed-count" data-count={unconfirmed.length}>
          {unconfirmed.length} proposed {unconfirmed.length === 1 ? 'vertebra is' : 'vertebrae are'} not reviewed yet ({unconfirmed.join(', ')}): accept (A) or edit each, or{' '}
          <button type="button" data-testid="accept-all" onClick={commands.acceptAllProposals}>Accept all</button>
        </p>
      )}
      <LevelOrderWarning violations={levelOrder} />
      <RepeatReadingPanel commands={commands.repeat} seriesKey={seriesKey} />
      {rows.length === 0 ? (
        <p className="morphometry__empty">No vertebra measured on this series yet: choose the height tool (V), a level, and click the six points.</p>
      ) : (
        <div className="morphometry__table">
          <table>
            <caption className="morphometry__caption">Heights in {unit}</caption>
            <thead>
              <tr>
                <th>Level</th>
                {COLUMNS.map((c) => (
                  <th key={c.field} title={c.field.endsWith('Mm') ? `${c.title} (${unit})` : c.title}>{c.label}</th>
                ))}
                <th title="Undeformed neighbours used as the reference posterior height">Ref.</th>
                <th title="Your own reading: visual Genant grade, endplate depression (ABQ), note">Reader</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const cells = cellsOf(row, calibrated);
                const { measurement } = row;
                const reading = readingOf(measurement);
                const range = calibrated && row.assessment ? row.assessment.uncertainty?.gradeRange ?? { min: row.assessment.assessment.grade, max: row.assessment.assessment.grade } : null;
                return (
                  <tr
                    key={measurement.id}
                    data-testid="measurement-row"
                    data-level={measurement.level}
                    data-measurement-id={measurement.id}
                    data-proposed={isUnconfirmed(measurement) ? 'true' : 'false'}
                    data-confidence={measurement.confidence ?? ''}
                    aria-selected={measurement.id === selectedId}
                    data-borderline={row.assessment?.uncertainty?.borderline ?? false}
                    className={`morphometry__row morphometry__row--grade-${calibrated ? cells.grade.value ?? 'none' : 'none'}`}
                    onClick={() => commands.focusMeasurementById(measurement.id)}
                  >
                    <td>
                      <select
                        aria-label="Level"
                        data-testid="row-level"
                        value={measurement.level}
                        onClick={(e) => e.stopPropagation()}
                        onChange={(e) => commands.relabelMeasurement(measurement.id, e.target.value as SpinalLevel)}
                      >
                        {SPINAL_LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
                      </select>
                      {/* Beside the level, in the column that never scrolls away: which rows to look at again. */}
                      {needsCheck(measurement) && (
                        <span className="morphometry__check" data-testid="proposal-check" title={(measurement.reasons ?? []).map((r) => r.message).join(' ') || 'Low confidence'}>
                          check
                        </span>
                      )}
                    </td>
                    {COLUMNS.map((c) => (
                      <td key={c.field} data-field={c.field} data-value={cells[c.field].value ?? ''}>{cells[c.field].text}</td>
                    ))}
                    <td data-field="referenceLevels" data-value={row.assessment?.referenceLevels.join(',') ?? ''}>
                      {row.assessment?.referenceLevels.join(', ') || '—'}
                    </td>
                    <ReaderReadingCell
                      reading={reading}
                      disagrees={readerDisagrees(reading, range)}
                      onChange={(next) => commands.setReaderReading(measurement.id, next)}
                    />
                    <td>
                      {row.error && <span className="morphometry__error" title={row.error}>⚠ {row.error}</span>}
                      {isUnconfirmed(measurement) && (
                        <button
                          type="button"
                          data-testid="accept-proposal"
                          title={`Proposed by the image analysis (confidence ${((measurement.confidence ?? 0) * 100).toFixed(0)} %): accept it (A)`}
                          onClick={(e) => {
                            e.stopPropagation();
                            commands.acceptProposal(measurement.id);
                          }}
                        >
                          Accept
                        </button>
                      )}
                      <button
                        type="button"
                        data-testid="delete-measurement"
                        title="Delete this vertebra (Del)"
                        onClick={(e) => {
                          e.stopPropagation();
                          commands.deleteMeasurement(measurement.id);
                        }}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
