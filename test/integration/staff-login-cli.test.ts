import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/application/password-hash.js';
import { testRedisUrl } from '../support/test-env.js';

// The CLI is run as an operator would, on a SQLite file of its own: it has no way to pick a
// PostgreSQL schema, and what is tested here (reading the password, the rules, the hash) does
// not depend on the database.
describe('npm run cli -- users set-password', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handslag-cli-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: `test-cli-${process.pid}`,
    PASSWORD_SCRYPT_LOG2N: '14',
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
  };
  let db: Knex;

  function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
      child.stdin.end(stdin);
    });
  }

  beforeAll(async () => {
    const added = await cli([
      'users',
      'add',
      '--name',
      'Eva Ek',
      '--email',
      'eva.ek@kommun.example',
      '--role',
      'admin',
    ]);
    expect(added.code).toBe(0);
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'cli.sqlite') },
      useNullAsDefault: true,
    });
  }, 30_000);
  afterAll(async () => {
    await db?.destroy();
    // The CLI's context creates the queues, which leave their meta keys under the prefix.
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${env.REDIS_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets the first admin’s password from standard input and unlocks the account', async () => {
    await db('users')
      .where({ email: 'eva.ek@kommun.example' })
      .update({ failed_logins: 3, locked_until: '2099-01-01T00:00:00.000Z' });
    const res = await cli(
      ['users', 'set-password', '--email', 'Eva.Ek@kommun.example'],
      'ett långt lösenord för Eva\n',
    );
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Password set for Eva.Ek@kommun.example');
    const row = await db('users').where({ email: 'eva.ek@kommun.example' }).first();
    expect(row.password_hash).toMatch(/^scrypt\$14\$8\$1\$/);
    // The line break that ends the piped line is not part of the password.
    expect(await verifyPassword('ett långt lösenord för Eva', row.password_hash)).toBe(true);
    expect(row.locked_until).toBeNull();
    expect(Number(row.failed_logins)).toBe(0);
  }, 30_000);

  it('refuses a short password and an unknown user, changing nothing', async () => {
    const before = (await db('users').where({ email: 'eva.ek@kommun.example' }).first()).password_hash;
    const short = await cli(['users', 'set-password', '--email', 'eva.ek@kommun.example'], 'kort\n');
    expect(short.code).toBe(2);
    expect(short.err).toContain('Lösenordet ska ha minst 12 tecken.');
    const unknown = await cli(['users', 'set-password', '--email', 'ingen@kommun.example'], 'ett långt lösenord här\n');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No user with e-mail ingen@kommun.example.');
    expect((await db('users').where({ email: 'eva.ek@kommun.example' }).first()).password_hash).toBe(before);
  }, 30_000);
});
