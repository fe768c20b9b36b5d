import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // A zone that is not Stockholm's, so any code that leans on the machine's zone fails here.
    env: { TZ: 'America/New_York' },
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
