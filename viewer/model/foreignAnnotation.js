/** Its value as written, e.g. '42.5 mm' or '87.5 deg'; 'no value' when it has none. */
export function foreignValueText(annotation) {
    if (annotation.value === null)
        return 'no value';
    return `${annotation.value.toFixed(1)}${annotation.unit === '' ? '' : ` ${annotation.unit}`}`;
}
/** Its name: the label, else the kind ('length', 'angle', …). */
export function foreignNameText(annotation) {
    return annotation.label === '' ? annotation.kind : annotation.label;
}
