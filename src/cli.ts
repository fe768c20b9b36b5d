import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { createUser } from './application/create-user.js';
import { findUserIdByEmail, setUserPassword } from './application/manage-users.js';
import { AppError } from './domain/errors.js';
import { readPassword } from './cli-password.js';
import { rebuildReportSummaries } from './infra/db/report-summaries.js';
import { people } from './infra/db/user-repository.js';

const usage = `Usage:
  npm run cli -- users add --name "Anna Svensson" --email anna@kommun.se --role officer --unit bygglov
  npm run cli -- users list
  npm run cli -- users set-password --email anna@kommun.se     (the password from stdin, or asked for twice)
  npm run cli -- reports rebuild

Roles: registrar, officer, manager, coordinator, admin. Officers and managers need --unit.`;

async function run(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await createContext(config);
  try {
    if (group === 'users' && command === 'add') {
      const { id, token } = await createUser(ctx.db, ctx.clock, values);
      console.log(`Created user ${id} (${values.role}). Token, shown once:`);
      console.log(token);
      return 0;
    }
    if (group === 'users' && command === 'set-password') {
      const id = values.email ? await findUserIdByEmail(ctx.db, values.email) : undefined;
      if (!id) {
        console.error(values.email ? `No user with e-mail ${values.email}.` : 'Give the user with --email.');
        return 2;
      }
      await setUserPassword(ctx.db, ctx.clock, id, await readPassword(), ctx.config.PASSWORD_SCRYPT_LOG2N);
      console.log(
        `Password set for ${values.email}; the account is unlocked. Log in at ${ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/login`,
      );
      return 0;
    }
    if (group === 'users' && command === 'list') {
      const users = await people(ctx.db).select('id', 'name', 'email', 'role', 'unit', 'active').orderBy('name');
      console.table(users);
      return 0;
    }
    if (group === 'reports' && command === 'rebuild') {
      const { counts, decisions } = await rebuildReportSummaries(ctx.db);
      console.log(`Report summaries rebuilt: ${counts} monthly guarantee counts, ${decisions} decisions.`);
      return 0;
    }
    console.error(usage);
    return 2;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      for (const e of err.errors) console.error(`  ${e.path}: ${e.message}`);
      return 2;
    }
    throw err;
  } finally {
    await ctx.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
