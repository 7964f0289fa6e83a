/** One entry of a session's request timeline (session.ts): a request or a User Timing mark, ms since navigation. */
export interface TimelineEntry {
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** The requests on the first image's path, told apart by their URLs (the timeline keeps each URL's last 90 characters). */
const PATH_REQUESTS: ReadonlyArray<readonly [label: string, pattern: RegExp]> = [
  ['entry chunk', /assets\/index-[^/]*\.js$/],
  ['boot chunk', /assets\/boot-[^/]*\.js$/],
  ['series search', /NumberOfSeriesRelatedInstances/],
  ['instance searches', /\/instances\?.*InstanceNumber=/],
  ['instance metadata', /instances\/[^/]+\/metadata$/],
  ['series metadata', /series\/[^/]+\/metadata$/],
  ['first frames', /\/frames\/\d+$/],
];

/**
 * The first image's path in one session, in one line: for each kind of request on it, when the first was sent and the
 * last of them answered (ms since navigation), then the page's start-up marks (`vhv:*`, loading/startupMark.ts) in
 * order. These say where the time went whatever the machine's load: e.g. a boot chunk evaluated before the instance
 * searches' follow-up requests were sent shows as `instance metadata` starting after `boot-loaded`.
 */
export function startupPathText(timeline: readonly TimelineEntry[]): string {
  const requests = PATH_REQUESTS.flatMap(([label, pattern]) => {
    const hits = timeline.filter((entry) => !entry.name.startsWith('mark ') && pattern.test(entry.name));
    if (hits.length === 0) return [];
    const sent = Math.min(...hits.map((hit) => hit.startMs));
    const answered = Math.max(...hits.map((hit) => hit.endMs));
    return [`${label} ${sent}–${answered}`];
  });
  const marks = timeline.filter((entry) => entry.name.startsWith('mark vhv:')).map((entry) => `${entry.name.slice('mark vhv:'.length)} ${entry.startMs}`);
  return `${requests.join(', ')} | ${marks.join(', ')}`;
}
