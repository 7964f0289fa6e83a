import { foreignNameText, foreignValueText } from '../model/foreignAnnotation';
import { placeForeignAnnotation } from '../model/foreignPlacement';
import { useAppState } from '../state/useAppState';

export interface ForeignAnnotationsCommands {
  focusForeignAnnotation(id: string): void;
  clearForeignAnnotations(): void;
}

/**
 * "From other viewers": measurements of other software found in imported SRs, read-only, apart from the vertebrae
 * and never graded. Each row says where it is drawn, or why it cannot be.
 */
export function ForeignAnnotationsPanel({ commands }: { commands: ForeignAnnotationsCommands }) {
  const entries = useAppState((s) => s.foreignAnnotations);
  const instances = useAppState((s) => s.instances);
  if (entries.length === 0) return null;
  return (
    <section className="foreign-annotations" aria-label="Measurements from other viewers (read-only, not graded)" data-testid="foreign-annotations">
      <h2>From other viewers ({entries.length})</h2>
      <p className="foreign-annotations__note">Read-only; not vertebrae, not graded, not exported.</p>
      <ul>
        {entries.map((entry) => {
          const { annotation } = entry;
          const result = placeForeignAnnotation(annotation, instances, entry.referencedSeriesInstanceUIDs[0] ?? null);
          return (
            <li
              key={entry.id}
              data-testid="foreign-annotation"
              data-kind={annotation.kind}
              data-value={annotation.value ?? ''}
              data-unit={annotation.unit}
              data-placed={result.placed ? 'true' : 'false'}
              title={`from ${entry.source}`}
            >
              <b>{foreignNameText(annotation)}</b>: {foreignValueText(annotation)} <span className="foreign-annotations__kind">({annotation.kind})</span>{' '}
              {result.placed
                ? <button type="button" data-testid="foreign-annotation-show" onClick={() => commands.focusForeignAnnotation(entry.id)}>Show</button>
                : <span className="foreign-annotations__unplaced">not drawn: {result.reason}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" data-testid="foreign-annotations-clear" onClick={commands.clearForeignAnnotations}>Remove from this session</button>
    </section>
  );
}
