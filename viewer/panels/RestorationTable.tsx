import { isWithinMeasurementError, type BlandAltman, type StudyComparison } from '../../measurement';
import { fmt, signed } from '../model/format';

const WALLS = [
  ['anterior', 'Ha'],
  ['middle', 'Hm'],
  ['posterior', 'Hp'],
] as const;

/**
 * Height restoration the four ways of McKiernan et al. (Spine 2003): gain in mm, % of the fractured height, % of the
 * lost height and % of the referent height, with the referent level(s) named. With the reader's repeatability known
 * (limits of agreement of a repeat reading, mm), a gain inside the limits reads "within measurement error".
 */
export function RestorationTable({ comparison, agreementMm }: { comparison: StudyComparison; agreementMm: BlandAltman | null }) {
  if (comparison.levels.length === 0) return null;
  return (
    <table className="restoration" data-testid="restoration-table" data-repeatability-known={agreementMm !== null}>
      <caption>
        Restoration (McKiernan 2003): gain, % of fractured height, % of lost height, % of referent height
        {agreementMm === null
          ? ' — measure again (blinded) to know which gains are within measurement error'
          : `; repeatability limits ${signed(agreementMm.lower, 1)} to ${signed(agreementMm.upper, 1)} mm`}
      </caption>
      <thead>
        <tr><th>Level</th><th>Wall</th><th>gain (mm)</th><th>% fractured</th><th>% lost</th><th>% referent</th><th>referent</th><th /></tr>
      </thead>
      <tbody>
        {comparison.levels.flatMap((c) =>
          WALLS.map(([wall, label]) => {
            const r = c.restoration[wall];
            const within = agreementMm === null ? null : isWithinMeasurementError(r.gainMm, agreementMm);
            const referent = c.referent.source === 'neighbours' ? c.referent.levels.join(', ') : `own Hp before`;
            return (
              <tr key={`${c.level}-${wall}`} data-testid="restoration-row" data-level={c.level} data-wall={wall} data-within-error={within ?? ''}>
                <td>{c.level}</td>
                <td>{label}</td>
                <td data-field="gainMm" data-value={r.gainMm}>{signed(r.gainMm, 1)}</td>
                <td data-field="pctOfFractureHeight" data-value={r.pctOfFractureHeight}>{fmt(r.pctOfFractureHeight, 0, ' %')}</td>
                <td data-field="pctOfLostHeight" data-value={r.pctOfLostHeight ?? ''}>{fmt(r.pctOfLostHeight, 0, ' %')}</td>
                <td data-field="pctOfReferentHeight" data-value={r.pctOfReferentHeight ?? ''}>{fmt(r.pctOfReferentHeight, 0, ' %')}</td>
                <td data-field="referent" data-value={c.referent.levels.join(',')}>{r.referentMm === null ? '—' : `${fmt(r.referentMm, 1)} mm (${referent})`}</td>
                <td>{within === true ? <span data-testid="within-error">within measurement error</span> : ''}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
