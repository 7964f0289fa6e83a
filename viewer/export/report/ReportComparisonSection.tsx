import type { ReportComparison } from '../../model/reportData';
import { fmt, signed } from './formatReport';

/** The before/after part of the report: table, chart and both snapshots. */
export function ReportComparisonSection({ data }: { data: ReportComparison }) {
  const { comparison } = data;
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
              <td>{signed(c.gainMm.anterior, 1)}</td>
              <td>{fmt(c.restorationPct.anterior, 0, ' %')}</td>
              <td>{fmt(c.before.heights.middleMm, 1)} → {fmt(c.after.heights.middleMm, 1)}</td>
              <td>{signed(c.gainMm.middle, 1)}</td>
              <td>{fmt(c.restorationPct.middle, 0, ' %')}</td>
              <td>{fmt(c.before.heights.posteriorMm, 1)} → {fmt(c.after.heights.posteriorMm, 1)}</td>
              <td>{signed(c.gainMm.posterior, 1)}</td>
              <td>{signed(c.wedgeAngleChangeDeg, 1)}</td>
              <td>{signed(c.cobbAngleChangeDeg, 1)}</td>
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


