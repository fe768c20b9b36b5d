import type { Knex } from 'knex';
import { versionKey } from '../../domain/clock-rules.js';
import type { Guarantee } from '../../domain/guarantee.js';
import { closingDaySet } from './closing-days-repository.js';
import { currentGuarantees, guaranteeVersions } from './guarantee-repository.js';

/**
 * The guarantee catalogue and the closing days, read on every transition but changed a few
 * times a year. A guarantee version never changes once written, so versions are kept for good;
 * the current catalogue and the closing days are dropped when this process changes them and,
 * for changes made by another process, after `ttlMs`.
 */
export interface ReferenceData {
  currentGuarantees(db: Knex): Promise<Guarantee[]>;
  guaranteeVersions(db: Knex, keys: { code: string; version: number }[]): Promise<Map<string, Guarantee>>;
  closingDays(db: Knex): Promise<Set<string>>;
  invalidate(): void;
}

export function createReferenceData(ttlMs: number): ReferenceData {
  let current: { value: Promise<Guarantee[]>; at: number } | null = null;
  let closing: { value: Promise<Set<string>>; at: number } | null = null;
  const versions = new Map<string, Guarantee>();
  const fresh = (entry: { at: number } | null) => entry !== null && Date.now() - entry.at < ttlMs;

  return {
    async currentGuarantees(db) {
      if (!fresh(current)) {
        const value = currentGuarantees(db);
        current = { value, at: Date.now() };
        value.catch(() => (current = null));
      }
      const list = await current!.value;
      for (const g of list) versions.set(versionKey(g.code, g.version), g);
      return list;
    },
    async guaranteeVersions(db, keys) {
      const missing = keys.filter((k) => !versions.has(versionKey(k.code, k.version)));
      if (missing.length) for (const [k, g] of await guaranteeVersions(db, missing)) versions.set(k, g);
      const out = new Map<string, Guarantee>();
      for (const k of keys) {
        const g = versions.get(versionKey(k.code, k.version));
        if (g) out.set(versionKey(k.code, k.version), g);
      }
      return out;
    },
    async closingDays(db) {
      if (!fresh(closing)) {
        const value = closingDaySet(db);
        closing = { value, at: Date.now() };
        value.catch(() => (closing = null));
      }
      return closing!.value;
    },
    invalidate() {
      current = null;
      closing = null;
    },
  };
}
