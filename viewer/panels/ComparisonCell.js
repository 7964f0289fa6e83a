import { jsx as _jsx } from "react/jsx-runtime";
/** One value of a comparison row: the text shown, and the unrounded value in data-value (empty when none). */
export function ComparisonCell({ field, value, text }) {
    return _jsx("td", { "data-field": field, "data-value": value ?? '', children: text });
}
