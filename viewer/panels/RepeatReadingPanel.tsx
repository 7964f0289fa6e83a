import { useRef } from 'react';
import { seriesReadingComparison } from '../model/readingComparison';
import { fmt, signed } from '../model/format';
import { useAppState } from '../state/useAppState';

/** What the repeat-reading controls ask the app to do. */
export interface RepeatReadingCommands {
  startRepeatReading(): void;
  finishRepeatReading(): void;
  cancelRepeatReading(): void;
  exportRepeatCsv(): void;
  importSecondReading(file: File): Promise<void>;
}

/**
 * Repeat reading of the series on screen: a blinded second reading by the same reader, or a second reader's file; then
 * per level the differences and over the levels the precision (RMS-CV, Bland–Altman limits of agreement).
 */
export function RepeatReadingPanel({ commands, seriesKey }: { commands: RepeatReadingCommands; seriesKey: string }) {
  const repeat = useAppState((s) => s.repeatReading);
  const fileInput = useRef<HTMLInputElement>(null);
  const active = repeat !== null && repeat.seriesKey === seriesKey ? repeat : null;

  if (active?.phase === 'blinded') {
    return (
      <div className="repeat" data-testid="repeat-blinded" data-hidden-count={active.first.length}>
        <strong>Blinded repeat reading</strong>: the first reading ({active.first.length} level(s)) is hidden; measure the same levels again.{' '}
        <button type="button" data-testid="repeat-finish" onClick={commands.finishRepeatReading}>Finish and compare</button>{' '}
        <button type="button" data-testid="repeat-cancel" onClick={commands.cancelRepeatReading}>Cancel (discard the repeat)</button>
      </div>
    );
  }

  const controls = (
    <div className="repeat__controls">
      <button type="button" data-testid="repeat-reading" title="Hide this reading and measure the same levels again, blinded" onClick={commands.startRepeatReading}>
        Measure again (blinded)
      </button>{' '}
      <button type="button" data-testid="repeat-import" title="Compare with another reader's JSON or SR of this series" onClick={() => fileInput.current?.click()}>
        Compare with a second reader…
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".json,.dcm,application/json,application/dicom"
        data-testid="repeat-import-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void commands.importSecondReading(file);
        }}
      />
    </div>
  );
  if (active === null) return controls;

  const result = seriesReadingComparison(active);
  if (!result.ok) {
    return (
      <div className="repeat">
        {controls}
        <p className="morphometry__warning" data-testid="repeat-error">The readings cannot be compared: {result.error.message}</p>
        <button type="button" onClick={commands.cancelRepeatReading}>Close</button>
      </div>
    );
  }
  const c = result.value;
  const pooled = c.pooled;
  const loa = pooled.agreementMm;
  return (
    <div className="repeat">
      {controls}
      <div
        data-testid="repeat-stats"
        data-levels={c.levels.length}
        data-rms-cv-pct={pooled.rmsCvPct}
        data-loa-mm={loa === null ? '' : `${loa.lower},${loa.upper}`}
        data-bias-mm={loa?.bias ?? ''}
        data-second={active.secondLabel}
      >
        <strong>Repeatability</strong> (first reading vs {active.secondLabel}, {c.levels.length} level(s)): RMS-CV {fmt(pooled.rmsCvPct, 1, ' %')}, limits of
        agreement {loa === null ? '— (needs two levels)' : `${signed(loa.lower, 1)} to ${signed(loa.upper, 1)} mm (bias ${signed(loa.bias, 1)} mm)`}
        {c.onlyFirst.length + c.onlySecond.length > 0 && (
          <span className="morphometry__warning"> read once only: {[...c.onlyFirst, ...c.onlySecond].join(', ')}</span>
        )}{' '}
        <button type="button" data-testid="repeat-export-csv" onClick={commands.exportRepeatCsv}>CSV</button>{' '}
        <button type="button" data-testid="repeat-close" onClick={commands.cancelRepeatReading}>Close</button>
      </div>
      <table data-testid="repeat-table">
        <thead>
          <tr><th>Level</th><th>ΔHa (mm)</th><th>ΔHm (mm)</th><th>ΔHp (mm)</th><th>Δloss</th><th>grades</th></tr>
        </thead>
        <tbody>
          {c.levels.map((l) => (
            <tr key={l.level} data-testid="repeat-row" data-level={l.level}>
              <td>{l.level}</td>
              <td data-field="differenceAnteriorMm" data-value={l.differenceMm.anterior}>{signed(l.differenceMm.anterior, 2)}</td>
              <td data-field="differenceMiddleMm" data-value={l.differenceMm.middle}>{signed(l.differenceMm.middle, 2)}</td>
              <td data-field="differencePosteriorMm" data-value={l.differenceMm.posterior}>{signed(l.differenceMm.posterior, 2)}</td>
              <td data-field="heightLossDifferencePct" data-value={l.heightLossDifferencePct}>{signed(l.heightLossDifferencePct, 1, ' %')}</td>
              <td data-field="grades" data-value={`${l.gradeFirst},${l.gradeSecond}`}>{l.gradeFirst} / {l.gradeSecond}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
