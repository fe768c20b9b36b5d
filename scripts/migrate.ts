import { loadConfig } from '../src/config.js';
import { createKnex } from '../src/infra/db/knex-factory.js';
import { migrateLatest } from '../src/infra/db/migrate.js';

const config = loadConfig();
const db = createKnex({ url: config.DATABASE_URL });
await migrateLatest(db);
console.log('Database schema is up to date.');
await db.destroy();
