import { useAppState } from '../state/useAppState';
import { clipText } from '../loading/clipText';

/** Messages are longer than names: they say what is wrong and what happens instead. */
const PROBLEM_MESSAGE_MAX_CHARS = 400;

/** Every file that could not be used (or only with a caveat), with its own message. */
export function ProblemList() {
  const problems = useAppState((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <section className="problems" aria-label="File problems">
      <h2>Files with problems ({problems.length})</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.fileName}-${i}`} className={`problem problem--${p.severity}`} data-testid="file-problem" data-file-name={p.fileName} data-severity={p.severity} title={`${p.fileName}: ${p.message}`}>
            <b>{clipText(p.fileName)}</b>: {clipText(p.message, PROBLEM_MESSAGE_MAX_CHARS)}
          </li>
        ))}
      </ul>
    </section>
  );
}
