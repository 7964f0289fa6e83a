import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
import { isWithinMeasurementError } from '../../measurement';
import { fmt, signed } from '../model/format';
const WALLS = [
    ['anterior', 'Ha'],
    ['middle', 'Hm'],
    ['posterior', 'Hp'],
];
/**
 * Height restoration the four ways of McKiernan et al. (Spine 2003): gain in mm, % of the fractured height, % of the
 * lost height and % of the referent height, with the referent level(s) named. With the reader's repeatability known
 * (limits of agreement of a repeat reading, mm), a gain inside the limits reads "within measurement error".
 */
export function RestorationTable({ comparison, agreementMm }) {
    if (comparison.levels.length === 0)
        return null;
    return (_jsxs("table", { className: "restoration", "data-testid": "restoration-table", "data-repeatability-known": agreementMm !== null, children: [_jsxs("caption", { children: ["Restoration (McKiernan 2003): gain, % of fractured height, % of lost height, % of referent height", agreementMm === null
                        ? ' — measure again (blinded) to know which gains are within measurement error'
                        : `; repeatability limits ${signed(agreementMm.lower, 1)} to ${signed(agreementMm.upper, 1)} mm`] }), _jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { children: "Level" }), _jsx("th", { children: "Wall" }), _jsx("th", { children: "gain (mm)" }), _jsx("th", { children: "% fractured" }), _jsx("th", { children: "% lost" }), _jsx("th", { children: "% referent" }), _jsx("th", { children: "referent" }), _jsx("th", {})] }) }), _jsx("tbody", { children: comparison.levels.flatMap((c) => WALLS.map(([wall, label]) => {
                    const r = c.restoration[wall];
                    const within = agreementMm === null ? null : isWithinMeasurementError(r.gainMm, agreementMm);
                    const referent = c.referent.source === 'neighbours' ? c.referent.levels.join(', ') : `own Hp before`;
                    return (_jsxs("tr", { "data-testid": "restoration-row", "data-level": c.level, "data-wall": wall, "data-within-error": within ?? '', children: [_jsx("td", { children: c.level }), _jsx("td", { children: label }), _jsx("td", { "data-field": "gainMm", "data-value": r.gainMm, children: signed(r.gainMm, 1) }), _jsx("td", { "data-field": "pctOfFractureHeight", "data-value": r.pctOfFractureHeight, children: fmt(r.pctOfFractureHeight, 0, ' %') }), _jsx("td", { "data-field": "pctOfLostHeight", "data-value": r.pctOfLostHeight ?? '', children: fmt(r.pctOfLostHeight, 0, ' %') }), _jsx("td", { "data-field": "pctOfReferentHeight", "data-value": r.pctOfReferentHeight ?? '', children: fmt(r.pctOfReferentHeight, 0, ' %') }), _jsx("td", { "data-field": "referent", "data-value": c.referent.levels.join(','), children: r.referentMm === null ? '—' : `${fmt(r.referentMm, 1)} mm (${referent})` }), _jsx("td", { children: within === true ? _jsx("span", { "data-testid": "within-error", children: "within measurement error" }) : '' })] }, `${c.level}-${wall}`));
                })) })] }));
}
