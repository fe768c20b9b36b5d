import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type DbClient = 'sqlite' | 'postgres';

export interface DbOptions {
  url: string;
  /** PostgreSQL schema to work in; tests use one per file. */
  schema?: string;
  poolMax?: number;
}

export function dbClientOf(url: string): DbClient {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** `sqlite:data/handslag.sqlite`, `sqlite::memory:` or a plain path all mean SQLite. */
function sqliteFile(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '');
}

export function createKnex(options: DbOptions): Knex {
  if (dbClientOf(options.url) === 'postgres') {
    const schema = options.schema;
    return knexFactory({
      client: 'pg',
      connection: options.url,
      searchPath: schema ? [schema] : undefined,
      pool: {
        min: 0,
        max: options.poolMax ?? 10,
        afterCreate: (
          conn: { query: (sql: string, cb: (err: Error | null) => void) => void },
          done: (err: Error | null, conn: unknown) => void,
        ) => {
          // Timestamps are written and compared in UTC; Stockholm time is a presentation concern.
          conn.query(`SET TIME ZONE 'UTC'`, (err) => done(err, conn));
        },
      },
    });
  }
  const filename = sqliteFile(options.url);
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: better-sqlite3 is synchronous and SQLite has one writer anyway, so a
    // single connection serialises transactions without SQLITE_BUSY surprises.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma: (s: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('synchronous = NORMAL');
        done(null, conn);
      },
    },
  });
}

export function clientOf(db: Knex): DbClient {
  const name = (db.client as { config: { client: string } }).config.client;
  return name === 'pg' ? 'postgres' : 'sqlite';
}
