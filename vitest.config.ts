import { defineConfig } from 'vitest/config'

// Two layers, one command (`npm test`): fast Node unit tests for the engine,
// and browser end-to-end tests that drive Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser at a time: two cores, and SwiftShader is CPU-bound.
          fileParallelism: false,
        },
      },
    ],
  },
})
