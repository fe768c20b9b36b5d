import { runRemindersBench } from './reminders-run.js';
import { runPagesBench } from './pages.js';
import { runReportsBench } from './reports.js';

// `npm run bench` runs every scenario; BENCH_ONLY=http, reminders, reports or pages runs one.
const scenarios = ['http', 'reminders', 'reports', 'pages'] as const;
const only = process.env.BENCH_ONLY || undefined;
const runs = (s: (typeof scenarios)[number]) => only === undefined || only === s;

if (only !== undefined && !(scenarios as readonly string[]).includes(only)) {
  process.stderr.write(`BENCH_ONLY must be one of ${scenarios.join(', ')}, got "${only}"\n`);
  process.exitCode = 2;
} else {
  // bench/run.ts runs the HTTP scenario when loaded and sets the exit code itself.
  if (runs('http')) await import('./run.js');
  if (runs('reminders')) {
    const code = await runRemindersBench();
    if (code !== 0) process.exitCode = code;
  }
  if (runs('reports')) {
    const code = await runReportsBench();
    if (code !== 0) process.exitCode = code;
  }
  if (runs('pages')) {
    const code = await runPagesBench();
    if (code !== 0) process.exitCode = code;
  }
}
