import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { startWorker } from './worker.js';

// The worker on its own, as docker-compose runs it: no HTTP, only queues and the reconciler.
async function main() {
  const ctx = await createContext(loadConfig());
  const worker = await startWorker(ctx);
  ctx.logger.info('Handslag worker running');
  const stop = async () => {
    await worker.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
