import { loadConfig } from '../src/config.js';
import { createKnex } from '../src/infra/db/knex-factory.js';
import { migrateLatest } from '../src/infra/db/migrate.js';
import { migrationSource } from '../migrations/index.js';

const config = loadConfig();
const db = createKnex({ url: config.DATABASE_URL });
await migrateLatest(db, migrationSource);
console.log('Database schema is up to date.');
await db.destroy();
