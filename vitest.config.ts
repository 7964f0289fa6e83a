import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
          // A bound against hangs, not a timing: a test that spawns python or dciodvfy beside the other worker on a
          // loaded 2-core machine can take longer than vitest's default 5 s.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
