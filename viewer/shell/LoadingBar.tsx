/** The one place loading is reported: what is happening, how far, and a progress bar. */
export function LoadingBar({ testId, label, done, total }: { testId: string; label: string; done: number; total: number }) {
  return (
    <div className="loading-bar" role="status" data-testid={testId}>
      <span className="loading-bar__label">{label}: {done} / {total}</span>
      <progress max={Math.max(1, total)} value={done} aria-label={label} />
    </div>
  );
}
