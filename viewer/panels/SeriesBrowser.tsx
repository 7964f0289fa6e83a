import type { ReactNode } from 'react';
import type { SeriesGroup } from '../loading/grouping';
import { useAppState } from '../state/useAppState';
import { formatDicomDate } from '../model/format';

const KIND_LABELS: Record<string, string> = {
  sr: 'Structured report',
  seg: 'Segmentation',
  pdf: 'Encapsulated PDF',
  'presentation-state': 'Presentation state',
  other: 'Non-image object',
};

/** Patient → study → series, as opened; clicking an image series shows it. */
/** What the series browser asks the app to do. */
export interface SeriesBrowserCommands {
  selectSeries(key: string): void;
}

/** Draws a series' thumbnail (the shell's, which may use cornerstone); none when absent. */
export type ThumbnailRenderer = (series: SeriesGroup) => ReactNode;

export function SeriesBrowser({ commands, thumbnail }: { commands: SeriesBrowserCommands; thumbnail?: ThumbnailRenderer }) {
  const patients = useAppState((s) => s.patients);
  const activeKey = useAppState((s) => s.activeSeriesKey);
  if (patients.length === 0) return null;
  return (
    <nav className="series-browser" aria-label="Opened studies">
      {patients.map((patient) => (
        <section key={patient.key} className="series-browser__patient">
          <h2>
            {patient.patientName.replace(/\^/g, ' ') || '(no name)'} <small>{patient.patientId || '(no id)'}</small>
          </h2>
          {patient.studies.map((study) => (
            <section key={study.key} className="series-browser__study">
              <h3>
                {formatDicomDate(study.studyDate)} — {study.studyDescription || '(no description)'}
              </h3>
              <ul>
                {study.series.map((series) => (
                  <li key={series.key}>
                    <button
                      type="button"
                      data-testid="series-item"
                      data-series-uid={series.key}
                      data-image-count={series.imageCount}
                      data-kind={series.kind}
                      aria-current={series.key === activeKey}
                      disabled={series.kind !== 'image'}
                      onClick={() => commands.selectSeries(series.key)}
                    >
                      {thumbnail?.(series)}
                      <span className="series-browser__modality">{series.modality || '??'}</span>{' '}
                      {series.description || `Series ${series.seriesNumber ?? ''}`}{' '}
                      <small>
                        {series.kind === 'image'
                          ? `${series.imageCount} image${series.imageCount === 1 ? '' : 's'}`
                          : `${KIND_LABELS[series.kind] ?? 'Non-image'} (${series.instances.length})`}
                      </small>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </nav>
  );
}
