import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './tests/longestFirstSequencer';

/**
 * Browser test files that run alone, after the others (project `e2e-serial`): beside another browser file on a loaded
 * 2-core machine, the 1,000-slice series was measured before its sagittal reformat had filled (fill 0.0099 < 0.05) and
 * three WADO-RS opens of the PACS file ran past 120 s (06:03-06:24 UTC, load 15-30). Run one alone with
 * `npx vitest run --project e2e-serial tests/e2e/pacs.test.ts`.
 */
const SERIAL_E2E_FILES = ['tests/e2e/largeSeries.test.ts', 'tests/e2e/pacs.test.ts'];

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirstSequencer },
    coverage: {
      provider: 'v8',
      include: ['measurement/**/*.ts', 'analysis/**/*.ts', 'viewer/loading/**/*.ts', 'viewer/tools/placement.ts', 'viewer/model/**/*.ts', 'viewer/state/**/*.ts', 'viewer/actions/**/*.ts', 'viewer/cornerstone/{orientationLabels,scaleBar,autoWindow}.ts', 'viewer/dicomweb/**/*.ts', 'viewer/export/**/*.ts', 'sample-data/**/*.ts'],
      exclude: ['**/*.test.ts', 'measurement/tsconfig.json', 'analysis/tsconfig.json', 'viewer/loading/localFiles.ts', 'viewer/loading/sampleStudy.ts'],
      reporter: ['text-summary', 'text'],
    },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['measurement/**/*.test.ts', 'analysis/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          // Vitest's default is one worker fewer than the cores: one on CI's 2-core machine, so the unit files ran one
          // after another. Two workers run the long sample-generation file beside all the others.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Bounds against hangs, not timings: a test that spawns python or dciodvfy beside the other worker on a
          // loaded 2-core machine can take longer than vitest's default 5 s, and reading the phantom series in a
          // beforeAll took longer than the default 10 s at load 30.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          // In one pool with the browser tests (same group order, same two workers): the OHIF file, mostly waiting on
          // OHIF's page, runs beside a browser file instead of on its own.
          sequence: { groupOrder: 2 },
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: SERIAL_E2E_FILES,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files at a time: each file has its own server and browser on free ports, and most of a file's time is
          // waiting (server and browser start-up, page loads, IndexedDB, Orthanc), not both cores busy.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e-serial',
          // After the two-worker group, one file at a time: see SERIAL_E2E_FILES.
          sequence: { groupOrder: 3 },
          environment: 'node',
          include: SERIAL_E2E_FILES,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
