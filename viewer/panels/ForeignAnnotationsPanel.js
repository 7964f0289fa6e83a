import { jsxs as _jsxs, jsx as _jsx } from "react/jsx-runtime";
import { foreignNameText, foreignValueText } from '../model/foreignAnnotation';
import { placeForeignAnnotation } from '../model/foreignPlacement';
import { useAppState } from '../state/useAppState';
/**
 * "From other viewers": measurements of other software found in imported SRs, read-only, apart from the vertebrae
 * and never graded. Each row says where it is drawn, or why it cannot be.
 */
export function ForeignAnnotationsPanel({ commands }) {
    const entries = useAppState((s) => s.foreignAnnotations);
    const instances = useAppState((s) => s.instances);
    if (entries.length === 0)
        return null;
    return (_jsxs("section", { className: "foreign-annotations", "aria-label": "Measurements from other viewers (read-only, not graded)", "data-testid": "foreign-annotations", children: [_jsxs("h2", { children: ["From other viewers (", entries.length, ")"] }), _jsx("p", { className: "foreign-annotations__note", children: "Read-only; not vertebrae, not graded, not exported." }), _jsx("ul", { children: entries.map((entry) => {
                    const { annotation } = entry;
                    const result = placeForeignAnnotation(annotation, instances, entry.referencedSeriesInstanceUIDs[0] ?? null);
                    return (_jsxs("li", { "data-testid": "foreign-annotation", "data-kind": annotation.kind, "data-value": annotation.value ?? '', "data-unit": annotation.unit, "data-placed": result.placed ? 'true' : 'false', title: `from ${entry.source}`, children: [_jsx("b", { children: foreignNameText(annotation) }), ": ", foreignValueText(annotation), " ", _jsxs("span", { className: "foreign-annotations__kind", children: ["(", annotation.kind, ")"] }), ' ', result.placed
                                ? _jsx("button", { type: "button", "data-testid": "foreign-annotation-show", onClick: () => commands.focusForeignAnnotation(entry.id), children: "Show" })
                                : _jsxs("span", { className: "foreign-annotations__unplaced", children: ["not drawn: ", result.reason] })] }, entry.id));
                }) }), _jsx("button", { type: "button", "data-testid": "foreign-annotations-clear", onClick: commands.clearForeignAnnotations, children: "Remove from this session" })] }));
}
