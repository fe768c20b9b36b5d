import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DbClient } from '../src/infra/db/knex-factory.js';

// The settings, the scratch space and the measures the database benchmarks share.

/** An integer setting from the environment; anything else stops the run with the variable named. */
export function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

export interface BenchWorkspace {
  /** A temporary directory for SQLite files, removed by `release`. */
  tmpDir: string;
  /** A PostgreSQL schema of the run's own, dropped by `release`. */
  schema: string;
  /** Removes both, and the Ctrl-C handlers that would otherwise do it. */
  release(): Promise<void>;
}

/**
 * A temporary directory and a PostgreSQL schema (when `postgresUrl` is set) for one run; an
 * interrupted run (SIGINT, SIGTERM) removes them before it exits, so nothing is left behind.
 */
export function benchWorkspace(name: string, postgresUrl: string | null): BenchWorkspace {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `handslag-bench-${name}-`));
  const schema = `bench_${name}_${randomUUID().slice(0, 8)}`;
  const dropSchema = async () => {
    if (!postgresUrl) return;
    const admin = knexFactory({ client: 'pg', connection: postgresUrl });
    try {
      await admin.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    } finally {
      await admin.destroy();
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    void dropSchema().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    tmpDir,
    schema,
    release: async () => {
      await dropSchema().catch((err: unknown) =>
        process.stderr.write(`dropping schema ${schema} failed: ${String(err)}\n`),
      );
      fs.rmSync(tmpDir, { recursive: true, force: true });
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Rows in a table. */
export async function count(db: Knex, t: string): Promise<number> {
  const [row] = (await db(t).count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** Bytes the database takes: the SQLite file after a checkpoint, or the schema's tables with their indexes. */
export async function sizeOf(db: Knex, client: DbClient, schema: string | undefined): Promise<number> {
  if (client === 'sqlite') {
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const [pages] = (await db.raw('PRAGMA page_count')) as { page_count: number }[];
    const [size] = (await db.raw('PRAGMA page_size')) as { page_size: number }[];
    return pages!.page_count * size!.page_size;
  }
  const r = (await db.raw(
    `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN ` +
      `pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'`,
    [schema ?? 'public'],
  )) as {
    rows: { n: string }[];
  };
  return Number(r.rows[0]?.n ?? 0);
}
