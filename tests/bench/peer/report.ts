import type { SessionResult } from './session';
import { ratioOf, spreadOf, type Spread } from './stats';
import type { GeneratedSeries } from './syntheticCt';

/** The table's short name of each series' compression (syntheticCt.ts's Compression). */
const COMPRESSION_LABEL: Readonly<Record<string, string>> = { none: 'raw', 'j2k-lossless': 'J2K', 'jpegls-lossless': 'JPEG-LS' };

/** Issue 16's goals, as ratios. */
export const GOALS = {
  /** Sagittal view ready (complete volume) ≤ 1.3 × the I/O floor. */
  sagittalOverFloor: 1.3,
  /** First image ≤ 0.2 × OHIF's. */
  firstImageOverOhif: 0.2,
  /** Peak RSS ≤ 0.7 × OHIF's, at N = 300. */
  peakRssOverOhif: 0.7,
} as const;

export interface SeriesRecord {
  readonly series: GeneratedSeries;
  readonly sessions: ReadonlyArray<SessionResult & { readonly rep: number }>;
}

export interface SeriesSummary {
  readonly key: string;
  readonly sliceCount: number;
  readonly compression: string;
  readonly floorMs: Spread | null;
  readonly ours: { firstImageMs: Spread | null; sagittalReadyMs: Spread | null; peakRssBytes: Spread | null; peakPssBytes: Spread | null; peakJsHeapBytes: Spread | null; jsBytes: Spread | null; jsGzipBytes: Spread | null };
  readonly ohif: { firstImageMs: Spread | null; sagittalReadyMs: Spread | null; peakRssBytes: Spread | null; peakPssBytes: Spread | null; peakJsHeapBytes: Spread | null; jsBytes: Spread | null; jsGzipBytes: Spread | null };
  readonly ratios: {
    sagittalOverFloor: number | null;
    ohifSagittalOverFloor: number | null;
    firstImageOverOhif: number | null;
    sagittalOverOhif: number | null;
    peakRssOverOhif: number | null;
    peakPssOverOhif: number | null;
    peakJsHeapOverOhif: number | null;
  };
  readonly sessions: number;
  readonly failed: number;
  readonly disturbed: number;
  readonly loadRange: readonly [number, number];
}

export function summarize(record: SeriesRecord): SeriesSummary {
  const of = (kind: SessionResult['kind']) => record.sessions.filter((s) => s.kind === kind && s.ok);
  const floor = of('io-floor');
  const ours = of('ours');
  const ohifStack = of('ohif-stack');
  const ohifMpr = of('ohif-mpr');
  const floorMs = spreadOf(floor.map((s) => s.floor?.ms));
  const oursSide = {
    firstImageMs: spreadOf(ours.map((s) => s.firstImageMs)),
    sagittalReadyMs: spreadOf(ours.map((s) => s.sagittalReadyMs)),
    peakRssBytes: spreadOf(ours.map((s) => s.peakRssBytes)),
    peakPssBytes: spreadOf(ours.map((s) => s.peakPssBytes)),
    peakJsHeapBytes: spreadOf(ours.map((s) => s.peakJsHeapUsedBytes)),
    jsBytes: spreadOf(ours.map((s) => s.jsBytes)),
    jsGzipBytes: spreadOf(ours.map((s) => s.jsGzipBytes)),
  };
  // OHIF: the first image in its default layout, the volume (and the memory that holds it) in its MPR layout.
  const ohifSide = {
    firstImageMs: spreadOf(ohifStack.map((s) => s.firstImageMs)),
    sagittalReadyMs: spreadOf(ohifMpr.map((s) => s.sagittalReadyMs)),
    peakRssBytes: spreadOf(ohifMpr.map((s) => s.peakRssBytes)),
    peakPssBytes: spreadOf(ohifMpr.map((s) => s.peakPssBytes)),
    peakJsHeapBytes: spreadOf(ohifMpr.map((s) => s.peakJsHeapUsedBytes)),
    jsBytes: spreadOf(ohifMpr.map((s) => s.jsBytes)),
    jsGzipBytes: spreadOf(ohifMpr.map((s) => s.jsGzipBytes)),
  };
  const loads = record.sessions.flatMap((s) => [s.quiet.loadAtStart, s.cpu.loadAtEnd]);
  return {
    key: record.series.key,
    sliceCount: record.series.sliceCount,
    compression: record.series.compression,
    floorMs,
    ours: oursSide,
    ohif: ohifSide,
    ratios: {
      sagittalOverFloor: ratioOf(oursSide.sagittalReadyMs, floorMs),
      ohifSagittalOverFloor: ratioOf(ohifSide.sagittalReadyMs, floorMs),
      firstImageOverOhif: ratioOf(oursSide.firstImageMs, ohifSide.firstImageMs),
      sagittalOverOhif: ratioOf(oursSide.sagittalReadyMs, ohifSide.sagittalReadyMs),
      peakRssOverOhif: ratioOf(oursSide.peakRssBytes, ohifSide.peakRssBytes),
      peakPssOverOhif: ratioOf(oursSide.peakPssBytes, ohifSide.peakPssBytes),
      peakJsHeapOverOhif: ratioOf(oursSide.peakJsHeapBytes, ohifSide.peakJsHeapBytes),
    },
    sessions: record.sessions.length,
    failed: record.sessions.filter((s) => !s.ok).length,
    disturbed: record.sessions.filter((s) => s.disturbed).length,
    loadRange: [Math.min(...loads), Math.max(...loads)],
  };
}

const seconds = (spread: Spread | null): string => (spread === null ? 'n/a' : spread.n > 1 ? `${(spread.median / 1000).toFixed(2)} s (${(spread.min / 1000).toFixed(2)}–${(spread.max / 1000).toFixed(2)})` : `${(spread.median / 1000).toFixed(2)} s`);
const gigabytes = (spread: Spread | null): string => (spread === null ? 'n/a' : `${(spread.median / 1e9).toFixed(2)} GB`);
const megabytes = (spread: Spread | null): string => (spread === null ? 'n/a' : `${(spread.median / 1e6).toFixed(0)} MB`);
const ratio = (value: number | null, goal?: number): string => {
  if (value === null) return 'n/a';
  const text = `${value.toFixed(2)}×`;
  return goal === undefined ? text : `${text} ${value <= goal ? '✓' : '✗'}`;
};

/** One markdown table: a row per series, medians with ranges, ratios against the goals (✓ met, ✗ not). */
export function formatTable(summaries: readonly SeriesSummary[]): string {
  const header = [
    'series',
    'I/O floor',
    'first image: us / OHIF',
    `ratio (goal ≤ ${GOALS.firstImageOverOhif})`,
    'sagittal ready: us / OHIF',
    `us ÷ floor (goal ≤ ${GOALS.sagittalOverFloor})`,
    'OHIF ÷ floor',
    'peak RSS: us / OHIF',
    `ratio (goal ≤ ${GOALS.peakRssOverOhif} at N=300)`,
    'peak PSS: us / OHIF (ratio)',
    'peak JS heap: us / OHIF',
    'JS+WASM: us / OHIF',
    'load avg',
    'disturbed',
  ];
  const rows = summaries.map((s) => [
    `N=${s.sliceCount} ${COMPRESSION_LABEL[s.compression] ?? s.compression}`,
    seconds(s.floorMs),
    `${seconds(s.ours.firstImageMs)} / ${seconds(s.ohif.firstImageMs)}`,
    ratio(s.ratios.firstImageOverOhif, GOALS.firstImageOverOhif),
    `${seconds(s.ours.sagittalReadyMs)} / ${seconds(s.ohif.sagittalReadyMs)}`,
    ratio(s.ratios.sagittalOverFloor, GOALS.sagittalOverFloor),
    ratio(s.ratios.ohifSagittalOverFloor),
    `${gigabytes(s.ours.peakRssBytes)} / ${gigabytes(s.ohif.peakRssBytes)}`,
    ratio(s.ratios.peakRssOverOhif, s.sliceCount === 300 && s.compression === 'none' ? GOALS.peakRssOverOhif : undefined),
    `${gigabytes(s.ours.peakPssBytes)} / ${gigabytes(s.ohif.peakPssBytes)} (${ratio(s.ratios.peakPssOverOhif)})`,
    `${megabytes(s.ours.peakJsHeapBytes)} / ${megabytes(s.ohif.peakJsHeapBytes)}`,
    `${(s.ours.jsBytes === null ? 'n/a' : `${megabytes(s.ours.jsBytes)} (${megabytes(s.ours.jsGzipBytes)} gz)`)} / ${megabytes(s.ohif.jsBytes)}`,
    `${s.loadRange[0].toFixed(1)}–${s.loadRange[1].toFixed(1)}`,
    `${s.disturbed}/${s.sessions}${s.failed > 0 ? `, ${s.failed} failed` : ''}`,
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
