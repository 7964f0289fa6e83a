/**
 * JSON answers requested before the viewer asked for them, by URL: opening a study by its address starts the series
 * search and the metadata downloads while the viewer's code is still loading. Each answer is handed out once, so a
 * later search (a retry, a refresh of the list) asks the server again.
 */
const early = new Map();
export function keepEarlyAnswer(url, answer) {
    early.set(url, answer);
}
/** The answer requested early for `url`, once; null when none was. */
export function takeEarlyAnswer(url) {
    const answer = early.get(url);
    if (!answer)
        return null;
    early.delete(url);
    return answer;
}
