import { GENANT_GRADE_NAMES, SPINAL_LEVELS, type SpinalLevel } from '../../measurement';
import { seriesMorphometry, type MorphometryRow } from '../model/morphometry';
import { isUnconfirmed, needsCheck } from '../model/proposal';
import { useAppState } from '../state/useAppState';

type Field = 'anteriorMm' | 'middleMm' | 'posteriorMm' | 'wedgeRatio' | 'biconcavityRatio' | 'crushRatio' | 'heightLossPct' | 'deformity' | 'grade' | 'wedgeAngleDeg';

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
    deformity: graded ? { value: a.assessment.deformity, text: a.assessment.deformity } : { value: null, text: '—' },
    grade: graded
      ? { value: a.assessment.grade, text: `${a.assessment.grade} ${GENANT_GRADE_NAMES[a.assessment.grade]}` }
      : { value: null, text: calibrated ? '—' : 'not graded' },
    wedgeAngleDeg: number(a?.wedgeAngleDeg, 1, '°'),
  };
}

const COLUMNS: ReadonlyArray<{ field: Field; label: string; title: string }> = [
  { field: 'anteriorMm', label: 'Ha', title: 'Anterior height' },
  { field: 'middleMm', label: 'Hm', title: 'Middle height' },
  { field: 'posteriorMm', label: 'Hp', title: 'Posterior height' },
  { field: 'wedgeRatio', label: 'Ha/Hp', title: 'Wedge ratio' },
  { field: 'biconcavityRatio', label: 'Hm/Hp', title: 'Biconcavity ratio' },
  { field: 'crushRatio', label: 'Hp/ref', title: 'Crush ratio: Hp over the mean Hp of the undeformed neighbours' },
  { field: 'heightLossPct', label: 'Loss', title: 'Height loss: the largest of wedge, biconcave and crush loss' },
  { field: 'deformity', label: 'Type', title: 'Deformity type' },
  { field: 'grade', label: 'Genant', title: 'Genant semi-quantitative grade' },
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
}

export function MorphometryPanel({ commands }: { commands: MorphometryCommands }) {
  const measurements = useAppState((s) => s.measurements);
  const seriesKey = useAppState((s) => s.plan?.seriesKey ?? null);
  const selectedId = useAppState((s) => s.selectedMeasurementId);
  const savesPending = useAppState((s) => s.savesPending);
  const saveFailed = useAppState((s) => s.saveError !== null);
  if (!seriesKey) return null;
  const { rows, calibrated } = seriesMorphometry(measurements, seriesKey);
  const unit = calibrated ? 'mm' : 'px';
  const unconfirmed = rows.filter((r) => isUnconfirmed(r.measurement)).map((r) => r.measurement.level);
  return (
    <section className="morphometry" aria-label="Morphometry" data-testid="morphometry-panel">
      <h2>
        Morphometry{' '}
        <small className="morphometry__saved" data-testid="save-status" data-pending={savesPending} data-failed={saveFailed}>
          {saveFailed ? 'not saved in this browser' : savesPending > 0 ? 'saving…' : 'saved in this browser'}
        </small>{' '}
        {calibrated ? '' : <span className="morphometry__warning" data-testid="morphometry-uncalibrated">uncalibrated: heights in pixels, no grade</span>}</h2>
      {unconfirmed.length > 0 && (
        <p className="morphometry__proposals" data-testid="unconfirmed-count" data-count={unconfirmed.length}>
          {unconfirmed.length} proposed {unconfirmed.length === 1 ? 'vertebra is' : 'vertebrae are'} not reviewed yet ({unconfirmed.join(', ')}): accept (A) or edit each, or{' '}
          <button type="button" data-testid="accept-all" onClick={commands.acceptAllProposals}>Accept all</button>
        </p>
      )}
      {rows.length === 0 ? (
        <p className="morphometry__empty">No vertebra measured on this series yet: choose the height tool (V), a level, and click the six points.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Level</th>
              {COLUMNS.map((c) => (
                <th key={c.field} title={c.title}>{c.label}{c.field.endsWith('Mm') ? ` (${unit})` : ''}</th>
              ))}
              <th title="Undeformed neighbours used as the reference posterior height">Ref.</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const cells = cellsOf(row, calibrated);
              const { measurement } = row;
              return (
                <tr
                  key={measurement.id}
                  data-testid="measurement-row"
                  data-level={measurement.level}
                  data-measurement-id={measurement.id}
                  data-proposed={isUnconfirmed(measurement) ? 'true' : 'false'}
                  data-confidence={measurement.confidence ?? ''}
                  aria-selected={measurement.id === selectedId}
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
                  </td>
                  {COLUMNS.map((c) => (
                    <td key={c.field} data-field={c.field} data-value={cells[c.field].value ?? ''}>{cells[c.field].text}</td>
                  ))}
                  <td data-field="referenceLevels" data-value={row.assessment?.referenceLevels.join(',') ?? ''}>
                    {row.assessment?.referenceLevels.join(', ') || '—'}
                  </td>
                  <td>
                    {row.error && <span className="morphometry__error" title={row.error}>⚠ {row.error}</span>}
                    {needsCheck(measurement) && (
                      <span className="morphometry__check" data-testid="proposal-check" title={(measurement.reasons ?? []).map((r) => r.message).join(' ') || 'Low confidence'}>
                        check
                      </span>
                    )}
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
      )}
    </section>
  );
}
