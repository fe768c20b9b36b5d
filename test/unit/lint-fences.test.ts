import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('the lint fences between the layers', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** The messages of the import fence for one line of code in a file at `file`. */
  const fenceMessages = async (file: string, code: string) => {
    const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['src/domain/x.ts', "import type { Knex } from 'knex';"],
    ['src/domain/x.ts', "import fs from 'node:fs';"],
    ['src/domain/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/domain/x.ts', "import { findCase } from '../infra/db/case-repository.js';"],
    ['workflows/x.ts', "import { sendCaseEvent } from '../src/application/send-case-event.js';"],
    ['workflows/x.ts', "import type { AppContext } from '../src/context.js';"],
    ['src/infra/x.ts', "import { queueMail } from '../application/queue-mail.js';"],
    ['src/infra/queue/x.ts', "import type { AppContext } from '../../context.js';"],
    ['src/infra/db/x.ts', "import { migrationSource } from '../../../migrations/index.js';"],
    ['src/infra/queue/x.ts', "import { runSendMail } from '../../jobs/send-mail-job.js';"],
    ['src/application/x.ts', "import { runSendMail } from '../jobs/send-mail-job.js';"],
    ['src/application/x.ts', "import { problem } from '../http/problem.js';"],
    ['src/application/x.ts', "import express from 'express';"],
    ['src/http/x.ts', "import { staffRoutes } from '../web/staff-routes.js';"],
    ['src/http/x.ts', "import { findCase } from '../infra/db/case-repository.js';"],
    ['src/web/cases/x.ts', "import { validate } from '../../http/validate.js';"],
    ['src/web/x.ts', "import { findCase } from '../infra/db/case-repository.js';"],
    ['src/jobs/x.ts', "import { findDeadline } from '../infra/db/deadline-repository.js';"],
    ['src/views/x.ts', "import { findCase } from '../infra/db/case-repository.js';"],
    ['src/views/x.ts', "import { getVisibleCase } from '../application/get-visible-case.js';"],
  ])('reports %s importing: %s', async (file, code) => {
    expect(await fenceMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['src/domain/x.ts', "import { randomUUID } from 'node:crypto';"],
    ['src/domain/x.ts', "import { z } from 'zod';"],
    ['workflows/x.ts', "import { plainText } from '../src/domain/text.js';"],
    ['src/infra/db/x.ts', "import type { Deadline } from '../../domain/deadline.js';"],
    ['src/infra/queue/x.ts', "import { insertOutbox } from '../db/audit-repository.js';"],
    ['src/application/x.ts', "import type { AppContext } from '../context.js';"],
    ['src/application/x.ts', "import { findCase } from '../infra/db/case-repository.js';"],
    ['src/application/x.ts', "import { startCase } from '../../workflows/registry.js';"],
    ['src/http/x.ts', "import { sendCaseEvent } from '../application/send-case-event.js';"],
    ['src/web/x.ts', "import { esc } from '../views/html.js';"],
    ['src/jobs/x.ts', "import { handleSendMail } from '../application/handle-send-mail.js';"],
    ['src/jobs/x.ts', "import { sendMailPayload } from '../infra/queue/job-payloads.js';"],
    ['src/views/x.ts', "import { unitLabels } from '../domain/units.js';"],
  ])('lets %s import: %s', async (file, code) => {
    expect(await fenceMessages(file, code)).toEqual([]);
  });
});
