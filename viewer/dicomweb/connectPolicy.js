/**
 * Whether a Content-Security-Policy (its text, as in the page's meta tag) lets the page request `url`: connect-src, or
 * default-src when connect-src is absent. Understands the sources this viewer's policy uses: 'self', 'none', *, and
 * origins (scheme://host[:port], path ignored). A policy without either directive allows everything.
 */
export function connectSrcAllows(policy, url, pageOrigin) {
    const directives = new Map(policy.split(';').flatMap((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return name ? [[name.toLowerCase(), sources]] : [];
    }));
    const sources = directives.get('connect-src') ?? directives.get('default-src');
    if (sources === undefined)
        return true;
    let target;
    try {
        target = new URL(url, pageOrigin);
    }
    catch {
        return false;
    }
    return sources.some((source) => {
        if (source === '*')
            return target.protocol === 'http:' || target.protocol === 'https:';
        if (source === "'self'")
            return target.origin === pageOrigin;
        try {
            return new URL(source).origin === target.origin;
        }
        catch {
            return false;
        }
    });
}
