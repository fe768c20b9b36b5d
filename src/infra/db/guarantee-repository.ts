import type { Knex } from 'knex';
import { guaranteeDefinitionSchema, type Guarantee, type GuaranteeDefinition } from '../../domain/guarantee.js';
import { versionKey } from '../../domain/clock-rules.js';
import { parseJson, toBool, toJson } from './rows.js';

function toGuarantee(r: Record<string, unknown>): Guarantee {
  return {
    code: r.code as string,
    version: Number(r.version),
    active: toBool(r.active),
    // Stored definitions were validated when written; parsing again fills defaults added since.
    definition: guaranteeDefinitionSchema.parse(parseJson<GuaranteeDefinition>(r.definition)),
  };
}

const withDefinition = (db: Knex) =>
  db('guarantees as g')
    .join('guarantee_versions as v', 'v.code', 'g.code')
    .select('g.code', 'g.active', 'v.version', 'v.definition', 'v.created_at', 'g.current_version');

/** The catalogue as it stands: each guarantee at its current version. */
export async function currentGuarantees(db: Knex): Promise<Guarantee[]> {
  const rows = await withDefinition(db).whereRaw('v.version = g.current_version').orderBy('g.code');
  return rows.map(toGuarantee);
}

export async function findGuarantee(db: Knex, code: string): Promise<Guarantee | undefined> {
  const r = await withDefinition(db).where('g.code', code).whereRaw('v.version = g.current_version').first();
  return r ? toGuarantee(r) : undefined;
}

export async function guaranteeHistory(
  db: Knex,
  code: string,
): Promise<{ version: number; definition: GuaranteeDefinition; createdAt: string }[]> {
  const rows = await db('guarantee_versions').where({ code }).orderBy('version');
  return rows.map((r: Record<string, unknown>) => ({
    version: Number(r.version),
    definition: parseJson<GuaranteeDefinition>(r.definition),
    createdAt: r.created_at as string,
  }));
}

/** The exact versions some deadlines were started under. */
export async function guaranteeVersions(
  db: Knex,
  keys: { code: string; version: number }[],
): Promise<Map<string, Guarantee>> {
  const out = new Map<string, Guarantee>();
  if (keys.length === 0) return out;
  const rows = await withDefinition(db).where((w) => {
    for (const k of keys) w.orWhere((x) => x.where('v.code', k.code).andWhere('v.version', k.version));
  });
  for (const r of rows) {
    const g = toGuarantee(r);
    out.set(versionKey(g.code, g.version), g);
  }
  return out;
}

export async function insertGuarantee(
  trx: Knex,
  code: string,
  d: GuaranteeDefinition,
  actorId: string,
  now: string,
): Promise<void> {
  await trx('guarantees').insert({
    code,
    current_version: 1,
    kind: d.kind,
    category: d.category,
    clock: d.clock,
    active: true,
    updated_at: now,
  });
  await trx('guarantee_versions').insert({
    code,
    version: 1,
    definition: toJson(d),
    created_by: actorId,
    created_at: now,
  });
}

/** A change is a new version; the old one stays for the clocks that run under it. */
export async function insertGuaranteeVersion(
  trx: Knex,
  code: string,
  version: number,
  d: GuaranteeDefinition,
  active: boolean,
  actorId: string,
  now: string,
): Promise<void> {
  await trx('guarantee_versions').insert({
    code,
    version,
    definition: toJson(d),
    created_by: actorId,
    created_at: now,
  });
  await trx('guarantees')
    .where({ code })
    .update({ current_version: version, kind: d.kind, category: d.category, clock: d.clock, active, updated_at: now });
}
