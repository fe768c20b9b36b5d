import { runRemindersBench } from './reminders-run.js';

// `npm run bench` runs every scenario; BENCH_ONLY=http or BENCH_ONLY=reminders runs one.
const scenarios = ['http', 'reminders'] as const;
const only = process.env.BENCH_ONLY || undefined;

if (only !== undefined && !(scenarios as readonly string[]).includes(only)) {
  process.stderr.write(`BENCH_ONLY must be one of ${scenarios.join(', ')}, got "${only}"\n`);
  process.exitCode = 2;
} else {
  // bench/run.ts runs the HTTP scenario when loaded and sets the exit code itself.
  if (only !== 'reminders') await import('./run.js');
  if (only !== 'http') {
    const code = await runRemindersBench();
    if (code !== 0) process.exitCode = code;
  }
}
