import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/test-env.js';

// The server is started as an operator starts it, on a SQLite file of its own: what is tested
// here (who gets the port) does not depend on the database.
describe('starting the server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handslag-start-'));
  const prefix = `test-start-${process.pid}-${Date.now()}`;
  const children: ChildProcess[] = [];

  const freePort = () =>
    new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });

  /** Runs src/main.ts; resolves on the first line matching `until`, or when the process exits. */
  function start(port: number, until: RegExp) {
    const env = {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, 'handslag.sqlite')}`,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAIL_DIR: path.join(dir, 'outbox'),
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const done = new Promise<{ output: string; code: number | null }>((resolve, reject) => {
      const seen = (d: Buffer) => {
        output += d;
        if (until.test(output)) resolve({ output, code: null });
      };
      child.stdout!.on('data', seen);
      child.stderr!.on('data', seen);
      child.on('error', reject);
      child.on('close', (code) => resolve({ output, code }));
    });
    return { child, done };
  }

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const closed = new Promise((r) => child.once('close', r));
      child.kill('SIGTERM');
      await closed;
    }
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('stops a second process on a port already in use with a clear message and exit code 1, before its worker starts', async () => {
    const port = await freePort();
    // The first is up once its worker has reconciled the queues at start.
    const first = await start(port, /reconciled deadlines with the queue/).done;
    expect(first.code).toBeNull();
    expect(first.output).toContain('Handslag listening');

    const second = await start(port, /(?!)/).done;
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `Handslag cannot start: port ${port} on 127.0.0.1 is already in use, by another ` +
        `Handslag or another program. Stop that process or set PORT to a free port.`,
    );
    expect(second.output).not.toContain('Handslag listening');
    // The worker (with its reconciler run at start) never began in the second process.
    expect(second.output).not.toContain('reconciled deadlines with the queue');
    expect(second.output).not.toContain('"component":"worker"');

    // The first one still answers.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
  }, 60_000);
});
