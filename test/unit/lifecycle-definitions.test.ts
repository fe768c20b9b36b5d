import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { complaintReviewGuarantee, defaultGuarantees, tableSetGuarantee } from '../../src/domain/default-guarantees.js';
import { roles } from '../../src/domain/roles.js';
import { templateNames } from '../../src/infra/mail/templates.js';
import type { ClockEffect } from '../../workflows/event-definition.js';
import { stepTypes } from '../../src/web/service-group/escalation-forms.js';
import { allStates, caseKinds, lifecycle, type LifecycleKind } from '../../workflows/registry.js';

// The clocks a fresh installation has, as the migrations seed them.
const catalogue = () => [...defaultGuarantees(), complaintReviewGuarantee(), tableSetGuarantee()];

// Every stored version of every case lifecycle, so an older machine keeps saying all of itself too.
const versionsOf = (kind: LifecycleKind) => {
  const versions: string[] = [];
  for (let v = 1; ; v++) {
    try {
      lifecycle(kind, String(v));
      versions.push(String(v));
    } catch {
      break;
    }
  }
  return versions.map((version) => ({ kind, version, lc: lifecycle(kind, version) }));
};
const caseLifecycles = caseKinds.flatMap(versionsOf);

type RawTransition = string | { target?: string | string[] };
type RawStates = Record<string, { on?: Record<string, RawTransition | RawTransition[]> }>;

/** Every (from, to) an event can make, read from the machine's own config. */
function moves(kind: LifecycleKind, version: string, type: string): { from: string; to: string }[] {
  const states = lifecycle(kind, version).machine.config.states as RawStates;
  return Object.entries(states).flatMap(([from, node]) => {
    const raw = node.on?.[type];
    if (raw === undefined) return [];
    return (Array.isArray(raw) ? raw : [raw]).flatMap((t) => {
      const target = typeof t === 'string' ? t : Array.isArray(t.target) ? t.target[0] : t.target;
      return [{ from, to: (target ?? from).replace(/^\./, '') }];
    });
  });
}

/** What the clock rules do on such a move to a live clock, in the order they ask (clock-rules.ts step). */
function effectOf(
  d: ReturnType<typeof catalogue>[number]['definition'],
  type: string,
  from: string,
  to: string,
): ClockEffect | null {
  if (d.startsOn.event === type || d.startsOn.state === to) return 'starts';
  if (d.cancelsOn.includes(to)) return 'cancels';
  if (d.stopsOn.includes(to)) return 'stops';
  if (type === 'EXTEND_DEADLINE' && d.clock === 'decision') return 'extends';
  if (d.pausesIn.includes(to) && !d.pausesIn.includes(from)) return 'pauses';
  if (d.pausesIn.includes(from) && !d.pausesIn.includes(to)) return 'resumes';
  return null;
}

describe.each(caseLifecycles.map((c) => [`${c.kind} v${c.version}`, c] as const))(
  '%s',
  (_name, { kind, version, lc }) => {
    const types = Object.keys(lc.eventSchemas);

    it.each(types)('%s says all of itself', (type) => {
      const d = lc.events?.[type];
      expect(d, `${type} has no definition`).toBeDefined();
      if (!d) return;
      expect(d.label.trim(), 'staff label').not.toBe('');
      expect(d.history === null || d.history.trim() !== '', 'tracking history line (null keeps it inside)').toBe(true);
      expect(d.done.trim(), 'notice after the form').not.toBe('');
      expect(d.roles.length, 'roles that may send it').toBeGreaterThan(0);
      for (const role of d.roles) expect(roles).toContain(role);
      if (d.mail !== null) expect(templateNames, `mail template ${d.mail}`).toContain(d.mail);
      expect(lc.eventLabels[type]).toBe(d.label);

      const schema = lc.eventSchemas[type]!;
      for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>))
        expect(fieldSchema.description?.trim(), `label of field ${field}`).toBeTruthy();
      const example = schema.strict().safeParse(d.example);
      expect(example.success, `example payload: ${JSON.stringify(example.error?.issues)}`).toBe(true);
    });

    it.each(types)('%s declares what it does to each clock', (type) => {
      const d = lc.events?.[type];
      const found: Record<string, ClockEffect> = {};
      for (const g of catalogue().filter((x) => x.definition.kind === kind)) {
        const effects = new Set(
          moves(kind, version, type).flatMap(({ from, to }) => effectOf(g.definition, type, from, to) ?? []),
        );
        expect(effects.size, `${type} does different things to ${g.definition.clock}`).toBeLessThanOrEqual(1);
        const [effect] = effects;
        if (effect) found[g.definition.clock] = effect;
      }
      expect(d?.clocks).toEqual(found);
      if (Object.values(found).includes('pauses'))
        expect(d?.pause, `${type} pauses a clock and says why`).toBeDefined();
    });

    it('says every state in staff and public words and whether it is open', () => {
      for (const s of allStates(lc)) {
        expect(s.label).not.toBe(s.value);
        expect(s.publicLabel).not.toBe(s.value);
        const meta = lc.machine.states[s.value]?.meta as { open?: unknown } | undefined;
        expect(typeof meta?.open, `${s.value} open or not`).toBe('boolean');
      }
    });
  },
);

/** What the clocks of `kind` in the catalogue do on every move `type` makes, clock by clock. */
function clockEffects(kind: LifecycleKind, version: string, type: string): Record<string, ClockEffect> {
  const found: Record<string, ClockEffect> = {};
  for (const g of catalogue().filter((x) => x.definition.kind === kind)) {
    const effects = new Set(
      moves(kind, version, type).flatMap(({ from, to }) => effectOf(g.definition, type, from, to) ?? []),
    );
    expect(effects.size, `${type} does different things to ${g.definition.clock}`).toBeLessThanOrEqual(1);
    const [effect] = effects;
    if (effect) found[g.definition.clock] = effect;
  }
  return found;
}

describe.each(versionsOf('service_group').map((c) => [`service_group v${c.version}`, c] as const))(
  '%s',
  (_name, { version, lc }) => {
    const sent = Object.keys(lc.eventSchemas);
    const system = Object.keys(lc.systemEventSchemas ?? {});

    it.each([...sent, ...system])('%s says all of itself', (type) => {
      const d = lc.tableEvents?.[type];
      expect(d, `${type} has no definition`).toBeDefined();
      if (!d) return;
      expect(d.label.trim(), 'staff label').not.toBe('');
      expect(d.history.trim(), "line in the cases' history").not.toBe('');
      expect(d.done.trim(), 'notice after the form').not.toBe('');
      for (const role of d.roles) expect(roles).toContain(role);
      for (const mail of d.mails) expect(templateNames, `mail template ${mail}`).toContain(mail);
      expect(lc.eventLabels[type]).toBe(d.label);
      expect(d.clocks).toEqual(clockEffects('service_group', version, type));
    });

    it.each(sent)('%s is sent by someone, from a step form of its own', (type) => {
      const d = lc.tableEvents?.[type];
      expect(d?.roles.length, 'roles that may send it').toBeGreaterThan(0);
      expect(d?.submit?.trim(), 'command on the button').toBeTruthy();
      expect(stepTypes).toContain(type);
    });

    it.each(system)('%s is sent by Handslag itself, by no role and from no step form', (type) => {
      expect(lc.tableEvents?.[type]?.roles).toEqual([]);
      expect(lc.tableEvents?.[type]?.submit).toBeNull();
    });

    it('says the same after every step, since the page it returns to names none', () => {
      expect(new Set(sent.map((type) => lc.tableEvents?.[type]?.done)).size).toBe(1);
    });

    it('says every state in staff and public words and whether it is open', () => {
      for (const s of allStates(lc)) {
        expect(s.label).not.toBe(s.value);
        expect(s.publicLabel).not.toBe(s.value);
        const meta = lc.machine.states[s.value]?.meta as { open?: unknown } | undefined;
        expect(typeof meta?.open, `${s.value} open or not`).toBe('boolean');
      }
    });
  },
);
