import { Worker } from 'node:worker_threads';

export interface LoadSpec {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body?: string;
  /** One path per request, in order; when absent every request goes to `url`'s path. */
  paths?: string[];
  connections: number;
  durationSeconds: number;
  /** Caps the run below the size of `paths`, so no path is sent twice. */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  status2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** How many of `paths` the load generator took, sent or not. */
  pathsUsed: number;
  /** The first few non-2xx responses, status and start of body. */
  failures: string[];
  /** Highest resident set size of this process seen while the load ran. */
  peakRssBytes: number;
}

/** What the worker measures; the main thread adds the memory it saw. */
export type WorkerResult = Omit<LoadResult, 'peakRssBytes'>;

const workerUrl = new URL('./load-worker.ts', import.meta.url).href;
const tsxApiUrl = import.meta.resolve('tsx/esm/api');
// Node 20 does not pass `--import tsx` on to a worker's entry module; the worker registers it itself.
const bootstrap = `import(${JSON.stringify(tsxApiUrl)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;

/** Runs autocannon in a worker thread and samples this process's RSS meanwhile. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await new Promise<WorkerResult>((resolve, reject) => {
      const worker = new Worker(bootstrap, { eval: true, workerData: spec });
      let got: WorkerResult | undefined;
      worker.once('message', (m: WorkerResult) => {
        got = m;
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        got ? resolve(got) : reject(new Error(`load generator exited with code ${code} and no result`)),
      );
    });
    return { ...result, peakRssBytes: Math.max(peakRssBytes, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}
