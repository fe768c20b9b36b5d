import { createServer, type RequestListener, type Server } from 'node:http';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { createApp } from './create-app.js';
import { startWorker } from './worker.js';

/** Resolves once the port is ours; rejects when it cannot be had (in use, not allowed). */
function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function listenFailure(err: unknown, port: number, host: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return (
      `Handslag cannot start: port ${port} on ${host} is already in use, by another Handslag ` +
      `or another program. Stop that process or set PORT to a free port.`
    );
  if (code === 'EACCES')
    return `Handslag cannot start: not allowed to listen on port ${port} on ${host}. Choose a port above 1023 or run with the right to bind it.`;
  return `Handslag cannot start: listening on port ${port} on ${host} failed: ${err instanceof Error ? err.message : String(err)}`;
}

async function main() {
  const config = loadConfig();
  const ctx = await createContext(config);
  const app = createApp(ctx);
  // The port first: a second process on a taken port must stop here, before its worker would
  // quietly join the queues as an extra one.
  let server: Server;
  try {
    server = await listen(app, config.PORT, config.HOST);
  } catch (err) {
    const message = listenFailure(err, config.PORT, config.HOST);
    ctx.logger.fatal({ err, port: config.PORT, host: config.HOST }, message);
    await ctx.close();
    process.exit(1);
  }
  ctx.logger.info({ port: config.PORT, db: ctx.dbClient }, 'Handslag listening');
  // One process by default; docker-compose runs the worker apart with RUN_WORKER=false here.
  const worker = config.RUN_WORKER ? await startWorker(ctx) : null;

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
