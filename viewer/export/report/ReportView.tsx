import { GENANT_GRADE_NAMES, gradeRuleCode } from '../../../measurement';
import { readerDisagrees } from '../../model/readerReading';
import { ReportComparisonSection } from './ReportComparisonSection';
import type { ReportData } from '../../model/reportData';
import { date, fmt } from './formatReport';
import { clipText, personNameText } from '../../loading/clipText';

/** A printed report has room for more than a panel, but not for a 100 KB name. */
const REPORT_TEXT_MAX_CHARS = 200;

/** A printable vertebral morphometry report: header, table, snapshot. Print to PDF from the browser. */
export function ReportView({ data, onClose }: { data: ReportData; onClose: () => void }) {
  const { rows, calibrated } = data.morphometry;
  const unit = calibrated ? 'mm' : 'px';
  const unreviewed = rows.filter(({ measurement }) => measurement.proposed === true).map(({ measurement }) => measurement.level);
  const proposedAtAll = rows.some(({ measurement }) => measurement.confidence !== undefined);
  return (
    <div className="report" data-testid="report-view">
      <div className="report__actions">
        <button type="button" data-testid="report-print" onClick={() => window.print()}>Print / save as PDF</button>{' '}
        <button type="button" data-testid="report-close" onClick={onClose}>Close report</button>
      </div>
      <h1>Vertebral morphometry report</h1>
      <table className="report__header">
        <tbody>
          <tr><th>Patient</th><td data-testid="report-patient" title={`${personNameText(data.patientName)} (${data.patientId})`}>{clipText(personNameText(data.patientName), REPORT_TEXT_MAX_CHARS)} ({clipText(data.patientId, REPORT_TEXT_MAX_CHARS)}), born {date(data.patientBirthDate)}</td></tr>
          <tr><th>Study</th><td title={data.studyDescription}>{date(data.studyDate)} — {clipText(data.studyDescription, REPORT_TEXT_MAX_CHARS)} <small>{data.studyInstanceUID}</small></td></tr>
          <tr><th>Series</th><td title={data.seriesDescription}>{data.modality} {clipText(data.seriesDescription, REPORT_TEXT_MAX_CHARS)} <small>{data.seriesInstanceUID}</small></td></tr>
          <tr><th>Method</th><td>Six-point morphometry (Hurxthal); ratios after O’Neill et al. 1994; semi-quantitative grade after Genant et al. 1993, heights also against those expected from the undeformed neighbours; ± from the displayed pixel size, "borderline" when the ± spans two grades.{calibrated ? '' : ' UNCALIBRATED IMAGE: heights in pixels, no grade.'}</td></tr>
          {proposedAtAll && (
            <tr>
              <th>Points</th>
              <td data-testid="report-proposals" data-unreviewed={unreviewed.join(',')}>
                Some points were proposed by image analysis (marked *).{' '}
                {unreviewed.length > 0 ? `PROPOSED, NOT REVIEWED by the reader: ${unreviewed.join(', ')}.` : 'All of them were reviewed by the reader.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <table className="report__table" data-testid="report-table">
        <thead>
          <tr>
            <th>Level</th><th>Ha ({unit})</th><th>Hm ({unit})</th><th>Hp ({unit})</th><th>Ha/Hp</th><th>Hm/Hp</th><th>Hp/ref</th>
            <th>Loss</th><th>Deformity</th><th>Genant grade</th><th>Reader’s grade</th><th>Wedge angle</th><th>Reference levels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ measurement, assessment, error }) => {
            const a = assessment?.assessment;
            const range = assessment?.uncertainty?.gradeRange ?? (a ? { min: a.grade, max: a.grade } : null);
            const reading = measurement.reading;
            const disagrees = calibrated && readerDisagrees(reading, range);
            return (
              <tr key={measurement.id} data-testid="report-row" data-level={measurement.level}>
                <td>{measurement.level}{measurement.confidence === undefined ? '' : measurement.proposed === true ? ' * not reviewed' : ' *'}</td>
                <td>{fmt(assessment?.heights.anteriorMm, 1)}</td>
                <td>{fmt(assessment?.heights.middleMm, 1)}</td>
                <td>{fmt(assessment?.heights.posteriorMm, 1)}</td>
                <td>{fmt(a?.wedgeRatio, 2)}</td>
                <td>{fmt(a?.biconcavityRatio, 2)}</td>
                <td>{fmt(a?.crushRatio, 2)}</td>
                <td>{calibrated ? fmt(a?.heightLossPct, 1, ' %') : '—'}{calibrated && assessment?.uncertainty ? ` ± ${fmt(assessment.uncertainty.heightLossPct, 1, ' %')}` : ''}</td>
                <td>{calibrated && a ? a.deformity : '—'}</td>
                <td data-field="grade">
                  {calibrated && a ? `${a.grade} (${GENANT_GRADE_NAMES[a.grade]}, ${gradeRuleCode(a.gradeRule)})` : error ?? '—'}
                  {calibrated && range && range.min !== range.max ? <strong data-testid="report-borderline"> borderline: grade {range.min}–{range.max}</strong> : null}
                </td>
                <td data-field="readerGrade" data-value={reading?.grade ?? ''} data-disagrees={disagrees}>
                  {reading?.grade === null || reading === undefined ? '—' : `${reading.grade} (${GENANT_GRADE_NAMES[reading.grade]})`}
                  {reading?.endplateDepression ? '; endplate depression' : ''}
                  {reading?.note ? `; ${reading.note}` : ''}
                  {disagrees ? ' ≠ morphometry' : ''}
                </td>
                <td>{fmt(assessment?.wedgeAngleDeg, 1, '°')}</td>
                <td>{assessment?.referenceLevels.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.comparison && <ReportComparisonSection data={data.comparison} />}
      {!data.comparison && data.snapshot ? (
        <figure className="report__figure">
          <img src={data.snapshot} alt="Sagittal view with the measured vertebrae" data-testid="report-snapshot" />
          <figcaption>Sagittal view with the six-point markers of the measured levels.</figcaption>
        </figure>
      ) : (
        !data.comparison && <p className="report__missing">{data.snapshotError ?? 'No image snapshot.'}</p>
      )}
      <p className="report__footer">Created {data.createdAt} with Vertebral Height Viewer {data.appVersion}. Measurements are an aid; the reading clinician is responsible for the report.</p>
    </div>
  );
}
