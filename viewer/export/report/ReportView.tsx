import { GENANT_GRADE_NAMES, type StudyComparison } from '../../../measurement';
import type { SeriesMorphometry } from '../../app/morphometry';

export interface ReportData {
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  studyDate: string;
  studyDescription: string;
  studyInstanceUID: string;
  seriesDescription: string;
  seriesInstanceUID: string;
  modality: string;
  morphometry: SeriesMorphometry;
  /** PNG data URL of the sagittal view with the markers; null when it could not be captured. */
  snapshot: string | null;
  snapshotError: string | null;
  createdAt: string;
  appVersion: string;
  /** Before/after section, when the report is made in compare mode. */
  comparison: ReportComparison | null;
}

export interface ReportComparison {
  baselineLabel: string;
  followUpLabel: string;
  baselineUIDs: string;
  followUpUIDs: string;
  comparison: StudyComparison;
  /** Standalone SVG markup of the chart. */
  chartSvg: string | null;
  /** Sagittal snapshots of both studies (PNG data URLs). */
  snapshots: Array<{ label: string; image: string }>;
}

function ComparisonSection({ data }: { data: ReportComparison }) {
  const { comparison } = data;
  const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);
  return (
    <section className="report__comparison" data-testid="report-comparison">
      <h2>Before and after</h2>
      <p>Baseline: {data.baselineLabel} <small>{data.baselineUIDs}</small><br />Follow-up: {data.followUpLabel} <small>{data.followUpUIDs}</small></p>
      <table className="report__table">
        <thead>
          <tr>
            <th>Level</th><th>Ha before → after (mm)</th><th>gain</th><th>restored</th><th>Hm before → after</th><th>gain</th><th>restored</th>
            <th>Hp before → after</th><th>gain</th><th>Wedge° change</th><th>Cobb° change</th><th>Genant</th>
          </tr>
        </thead>
        <tbody>
          {comparison.levels.map((c) => (
            <tr key={c.level} data-testid="report-comparison-row" data-level={c.level}>
              <td>{c.level}</td>
              <td>{fmt(c.before.heights.anteriorMm, 1)} → {fmt(c.after.heights.anteriorMm, 1)}</td>
              <td>{signed(c.gainMm.anterior)}</td>
              <td>{fmt(c.restorationPct.anterior, 0, ' %')}</td>
              <td>{fmt(c.before.heights.middleMm, 1)} → {fmt(c.after.heights.middleMm, 1)}</td>
              <td>{signed(c.gainMm.middle)}</td>
              <td>{fmt(c.restorationPct.middle, 0, ' %')}</td>
              <td>{fmt(c.before.heights.posteriorMm, 1)} → {fmt(c.after.heights.posteriorMm, 1)}</td>
              <td>{signed(c.gainMm.posterior)}</td>
              <td>{signed(c.wedgeAngleChangeDeg)}</td>
              <td>{signed(c.cobbAngleChangeDeg)}</td>
              <td>{c.gradeBefore} → {c.gradeAfter}</td>
            </tr>
          ))}
          {[...comparison.onlyBefore.map((l) => [l, 'baseline'] as const), ...comparison.onlyAfter.map((l) => [l, 'follow-up'] as const)].map(([level, where]) => (
            <tr key={`${where}-${level}`}><td>{level}</td><td colSpan={11}>measured only at {where}</td></tr>
          ))}
        </tbody>
      </table>
      {data.chartSvg && <img className="report__chart" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.chartSvg)}`} alt="Heights before and after" data-testid="report-chart" />}
      <div className="report__snapshots">
        {data.snapshots.map((s) => (
          <figure key={s.label}><img src={s.image} alt={`Sagittal view, ${s.label}`} /><figcaption>{s.label}</figcaption></figure>
        ))}
      </div>
    </section>
  );
}

const fmt = (v: number | null | undefined, digits: number, suffix = '') => (v === null || v === undefined ? '—' : `${v.toFixed(digits)}${suffix}`);
const date = (da: string) => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || '—');

/** A printable vertebral morphometry report: header, table, snapshot. Print to PDF from the browser. */
export function ReportView({ data, onClose }: { data: ReportData; onClose: () => void }) {
  const { rows, calibrated } = data.morphometry;
  const unit = calibrated ? 'mm' : 'px';
  return (
    <div className="report" data-testid="report-view">
      <div className="report__actions">
        <button type="button" data-testid="report-print" onClick={() => window.print()}>Print / save as PDF</button>{' '}
        <button type="button" data-testid="report-close" onClick={onClose}>Close report</button>
      </div>
      <h1>Vertebral morphometry report</h1>
      <table className="report__header">
        <tbody>
          <tr><th>Patient</th><td data-testid="report-patient">{data.patientName.replace(/\^/g, ' ')} ({data.patientId}), born {date(data.patientBirthDate)}</td></tr>
          <tr><th>Study</th><td>{date(data.studyDate)} — {data.studyDescription} <small>{data.studyInstanceUID}</small></td></tr>
          <tr><th>Series</th><td>{data.modality} {data.seriesDescription} <small>{data.seriesInstanceUID}</small></td></tr>
          <tr><th>Method</th><td>Six-point morphometry (Hurxthal); ratios after O’Neill et al. 1994; semi-quantitative grade after Genant et al. 1993.{calibrated ? '' : ' UNCALIBRATED IMAGE: heights in pixels, no grade.'}</td></tr>
        </tbody>
      </table>
      <table className="report__table" data-testid="report-table">
        <thead>
          <tr>
            <th>Level</th><th>Ha ({unit})</th><th>Hm ({unit})</th><th>Hp ({unit})</th><th>Ha/Hp</th><th>Hm/Hp</th><th>Hp/ref</th>
            <th>Loss</th><th>Deformity</th><th>Genant grade</th><th>Wedge angle</th><th>Reference levels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ measurement, assessment, error }) => {
            const a = assessment?.assessment;
            return (
              <tr key={measurement.id} data-testid="report-row" data-level={measurement.level}>
                <td>{measurement.level}</td>
                <td>{fmt(assessment?.heights.anteriorMm, 1)}</td>
                <td>{fmt(assessment?.heights.middleMm, 1)}</td>
                <td>{fmt(assessment?.heights.posteriorMm, 1)}</td>
                <td>{fmt(a?.wedgeRatio, 2)}</td>
                <td>{fmt(a?.biconcavityRatio, 2)}</td>
                <td>{fmt(a?.crushRatio, 2)}</td>
                <td>{calibrated ? fmt(a?.heightLossPct, 1, ' %') : '—'}</td>
                <td>{calibrated && a ? a.deformity : '—'}</td>
                <td>{calibrated && a ? `${a.grade} (${GENANT_GRADE_NAMES[a.grade]})` : error ?? '—'}</td>
                <td>{fmt(assessment?.wedgeAngleDeg, 1, '°')}</td>
                <td>{assessment?.referenceLevels.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.comparison && <ComparisonSection data={data.comparison} />}
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
