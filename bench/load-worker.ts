import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadSpec, WorkerResult } from './load.js';

// Runs in its own thread so that generating load does not take event-loop time from the
// server under test, which keeps the main thread.
const spec = workerData as LoadSpec;
const paths = spec.paths;
let next = 0;
const failures: string[] = [];

const options: autocannon.Options = {
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  ...(spec.maxRequests ? { maxOverallRequests: spec.maxRequests } : {}),
  method: spec.method,
  headers: spec.headers,
  body: spec.body,
  requests: [
    {
      // Each request takes the next path, so a pool of fresh cases gets one event each.
      ...(paths
        ? {
            setupRequest: (req) => {
              const p = paths[next++];
              // Past the pool the last case is sent again and answers 409: a loud failure, not a silent reuse.
              return { ...req, path: p ?? paths[paths.length - 1] };
            },
          }
        : {}),
      onResponse: (status, body) => {
        if ((status < 200 || status >= 300) && failures.length < 3) failures.push(`${status} ${body.slice(0, 300)}`);
      },
    },
  ],
};

// Off the main thread autocannon hands back its raw, encoded histograms (it expects its own
// manager to merge them), so they are merged here. Its typings leave this export out.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], opts: autocannon.Options): autocannon.Result;
};
const result = aggregateResult([await autocannon(options)], options);

const out: WorkerResult = {
  requests: result.requests.total,
  durationSeconds: result.duration,
  reqPerSec: result.duration > 0 ? result.requests.total / result.duration : 0,
  latencyMs: {
    mean: result.latency.mean,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  status2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  pathsUsed: next,
  failures,
};
parentPort!.postMessage(out);
