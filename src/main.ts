import type { Server } from 'node:http';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { createApp } from './http/create-app.js';
import { startWorker } from './worker.js';

async function main() {
  const config = loadConfig();
  const ctx = await createContext(config);
  const app = createApp(ctx);
  // One process by default; docker-compose runs the worker apart with RUN_WORKER=false here.
  const worker = config.RUN_WORKER ? await startWorker(ctx) : null;
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    ctx.logger.info({ port: config.PORT, db: ctx.dbClient }, 'Handslag listening');
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    server.close();
    await worker?.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
