import type { SeriesReadings } from '../model/readingComparison';

/**
 * A repeat reading of one series: 'blinded' while the reader measures again with the first reading hidden (kept here,
 * not lost), 'compared' once both readings are there (a finished repeat, or a second reader's file).
 */
export interface RepeatReadingState extends SeriesReadings {
  readonly phase: 'blinded' | 'compared';
}
