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
        },
      },
      {
        test: {
          name: 'integration',
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
