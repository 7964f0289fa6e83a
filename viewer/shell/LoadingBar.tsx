/**
 * The one place loading is reported: what is happening, how far, and a progress bar. Without `done`/`total` (a
 * request to a PACS, whose size is not known yet) the bar is indeterminate.
 */
export function LoadingBar({ testId, label, done, total }: { testId: string; label: string; done?: number; total?: number }) {
  const counted = done !== undefined && total !== undefined;
  return (
    <div className="loading-bar" role="status" data-testid={testId}>
      <span className="loading-bar__label">{counted ? `${label}: ${done} / ${total}` : `${label}…`}</span>
      {counted ? <progress max={Math.max(1, total)} value={done} aria-label={label} /> : <progress aria-label={label} />}
    </div>
  );
}
