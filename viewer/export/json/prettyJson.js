/**
 * JSON indented by two spaces, like JSON.stringify(value, null, 2), except that an array of numbers stays on one line
 * (`[0, -15, 16.58]`) so that points read as points. Numbers are written as JSON.stringify writes them: the shortest
 * text that parses back to the same float64 (−0 is written as 0). Objects only of JSON data: no toJSON, no undefined in
 * arrays; undefined object properties are left out.
 */
export function prettyJson(value, indent = '') {
    if (Array.isArray(value)) {
        if (value.length === 0)
            return '[]';
        if (value.every((item) => typeof item === 'number'))
            return `[${value.map((n) => JSON.stringify(n)).join(', ')}]`;
        const inner = `${indent}  `;
        return `[\n${value.map((item) => inner + prettyJson(item, inner)).join(',\n')}\n${indent}]`;
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        if (entries.length === 0)
            return '{}';
        const inner = `${indent}  `;
        const lines = entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${prettyJson(v, inner)}`);
        return `{\n${lines.join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(value);
}
