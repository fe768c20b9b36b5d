/** The suite runs on SQLite unless DATABASE_URL names a PostgreSQL database. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL ?? '';
  return /^postgres(ql)?:\/\//.test(url) ? url : 'sqlite';
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export const usingPostgres = () => testDatabaseUrl() !== 'sqlite';
