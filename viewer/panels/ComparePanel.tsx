import { GENANT_GRADE_NAMES, type SpinalLevel } from '../../measurement';
import { chartOf, compareWarnings, comparisonOf } from '../model/comparison';
import { ComparisonChart } from './ComparisonChart';
import { ComparisonCell } from './ComparisonCell';
import { RestorationTable } from './RestorationTable';
import { seriesReadingComparison } from '../model/readingComparison';
import { fmt, signed } from '../model/format';
import { useAppState } from '../state/useAppState';
import { comparedTimePoints } from '../state/compareState';


/** Before/after kyphoplasty, level by level, from measurement/'s compareStudies. */
/** What the compare panel asks the app to do. */
export interface CompareCommands {
  chooseCompareStudies(baselineIndex: number, followUpIndex: number): void;
  setCompareLinked(linked: boolean): void;
  exitCompare(): void;
  focusLevel(level: SpinalLevel): void;
  exportChart(format: 'svg' | 'png'): Promise<void>;
}

export function ComparePanel({ commands }: { commands: CompareCommands }) {
  const compare = useAppState((s) => s.compare);
  const measurements = useAppState((s) => s.measurements);
  const repeat = useAppState((s) => s.repeatReading);
  if (!compare) return null;
  const pair = comparedTimePoints(compare);
  if (!pair) return null;
  const { baseline, followUp } = pair;
  const warnings = compareWarnings(baseline, followUp);
  const { comparison, reason } = comparisonOf(measurements, baseline, followUp);
  const chart = chartOf(measurements, compare.timePoints);
  const repeatability = repeat?.phase === 'compared' ? seriesReadingComparison(repeat) : null;

  return (
    <section className="morphometry compare" aria-label="Before and after" data-testid="compare-panel">
      <h2>
        Before / after{' '}
        <label>
          baseline{' '}
          <select data-testid="compare-baseline" value={compare.baselineIndex} onChange={(e) => commands.chooseCompareStudies(Number(e.target.value), compare.followUpIndex)}>
            {compare.timePoints.map((p, i) => <option key={p.studyKey} value={i}>{p.label}</option>)}
          </select>
        </label>{' '}
        <label>
          follow-up{' '}
          <select data-testid="compare-followup" value={compare.followUpIndex} onChange={(e) => commands.chooseCompareStudies(compare.baselineIndex, Number(e.target.value))}>
            {compare.timePoints.map((p, i) => <option key={p.studyKey} value={i}>{p.label}</option>)}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" data-testid="compare-link" checked={compare.linked} onChange={(e) => commands.setCompareLinked(e.target.checked)} /> link window and zoom
        </label>{' '}
        <button type="button" data-testid="compare-exit" onClick={commands.exitCompare}>Leave compare</button>
      </h2>
      {warnings.length > 0 && (
        <ul className="compare__warnings" data-testid="compare-warnings">
          {warnings.map((w) => <li key={w}>⚠ {w}</li>)}
        </ul>
      )}
      {!comparison ? (
        <p className="morphometry__empty" data-testid="compare-empty">{reason}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Level</th>
              <th title="Anterior height before → after">Ha (mm)</th><th>gain</th><th>restored</th>
              <th title="Middle height before → after">Hm (mm)</th><th>gain</th><th>restored</th>
              <th title="Posterior height before → after">Hp (mm)</th><th>gain</th><th>restored</th>
              <th title="Wedge angle before → after (change)">Wedge°</th>
              <th title="Bisegmental Cobb angle before → after (change)">Cobb°</th>
              <th>Genant</th>
            </tr>
          </thead>
          <tbody>
            {comparison.levels.map((c) => (
              <tr key={c.level} data-testid="comparison-row" data-level={c.level} className="morphometry__row" onClick={() => commands.focusLevel(c.level)}>
                <td>{c.level}</td>
                <td>{fmt(c.before.heights.anteriorMm, 1)} → {fmt(c.after.heights.anteriorMm, 1)}</td>
                <ComparisonCell field="gainAnteriorMm" value={c.gainMm.anterior} text={signed(c.gainMm.anterior, 1)} />
                <ComparisonCell field="restorationAnteriorPct" value={c.restorationPct.anterior} text={fmt(c.restorationPct.anterior, 0, ' %')} />
                <td>{fmt(c.before.heights.middleMm, 1)} → {fmt(c.after.heights.middleMm, 1)}</td>
                <ComparisonCell field="gainMiddleMm" value={c.gainMm.middle} text={signed(c.gainMm.middle, 1)} />
                <ComparisonCell field="restorationMiddlePct" value={c.restorationPct.middle} text={fmt(c.restorationPct.middle, 0, ' %')} />
                <td>{fmt(c.before.heights.posteriorMm, 1)} → {fmt(c.after.heights.posteriorMm, 1)}</td>
                <ComparisonCell field="gainPosteriorMm" value={c.gainMm.posterior} text={signed(c.gainMm.posterior, 1)} />
                <ComparisonCell field="restorationPosteriorPct" value={c.restorationPct.posterior} text={fmt(c.restorationPct.posterior, 0, ' %')} />
                <ComparisonCell field="wedgeAngleChangeDeg" value={c.wedgeAngleChangeDeg} text={`${fmt(c.before.wedgeAngleDeg, 1)} → ${fmt(c.after.wedgeAngleDeg, 1)} (${signed(c.wedgeAngleChangeDeg, 1)})`} />
                <ComparisonCell field="cobbAngleChangeDeg" value={c.cobbAngleChangeDeg} text={`${fmt(c.before.cobbAngleDeg, 1)} → ${fmt(c.after.cobbAngleDeg, 1)} (${signed(c.cobbAngleChangeDeg, 1)})`} />
                <td>
                  <span data-field="gradeBefore" data-value={c.gradeBefore}>{c.gradeBefore} {GENANT_GRADE_NAMES[c.gradeBefore]}</span> →{' '}
                  <span data-field="gradeAfter" data-value={c.gradeAfter}>{c.gradeAfter} {GENANT_GRADE_NAMES[c.gradeAfter]}</span>
                </td>
              </tr>
            ))}
            {comparison.onlyBefore.map((level: SpinalLevel) => (
              <tr key={`b-${level}`} data-testid="comparison-only" data-level={level} data-study="baseline">
                <td>{level}</td><td colSpan={12}>measured only at baseline</td>
              </tr>
            ))}
            {comparison.onlyAfter.map((level: SpinalLevel) => (
              <tr key={`a-${level}`} data-testid="comparison-only" data-level={level} data-study="follow-up">
                <td>{level}</td><td colSpan={12}>measured only at follow-up</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comparison && <RestorationTable comparison={comparison} agreementMm={repeatability?.ok ? repeatability.value.pooled.agreementMm : null} />}
      {chart && (
        <figure className="compare__chart" data-testid="comparison-chart-figure">
          <ComparisonChart model={chart} title="Vertebral heights before and after" />
          <figcaption>
            <button type="button" data-testid="export-chart-svg" onClick={() => void commands.exportChart('svg')}>Chart as SVG</button>{' '}
            <button type="button" data-testid="export-chart-png" onClick={() => void commands.exportChart('png')}>Chart as PNG</button>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
