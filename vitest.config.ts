// Unit and integration tests run in node (never jsdom): the engine, definition, share codec,
// mocks and storage are all environment-agnostic, and the UI is tested in real Chromium.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
    restoreMocks: true,
  },
})
