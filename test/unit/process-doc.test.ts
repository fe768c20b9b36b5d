import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  renderProcessDoc,
  renderServiceGroupBlock,
  SERVICE_GROUP_END,
  SERVICE_GROUP_START,
  spliceServiceGroupDoc,
} from '../../scripts/process-doc.js';
import { caseKinds, currentLifecycle, type Lifecycle, type LifecycleKind } from '../../workflows/registry.js';

const docUrl = new URL('../../docs/process.md', import.meta.url);
const serviceGroupUrl = new URL('../../docs/service-group.md', import.meta.url);

// The escalation of a "dukat bord" is no case kind, so it is named here beside the case kinds:
// a machine left out of this list would go undocumented without any test noticing.
const documented: LifecycleKind[] = [...caseKinds, 'service_group'];

// Expectations are read from the raw machine config rather than from the StateNode walk the
// renderer uses, so a mistake in that walk cannot hide itself.
type RawTransition = string | { target?: string | string[]; guard?: unknown };
interface RawState {
  type?: string;
  on?: Record<string, RawTransition | RawTransition[]>;
}
interface RawMachine {
  id: string;
  initial: string;
  states: Record<string, RawState>;
}

interface RawEdge {
  source: string;
  target: string;
  eventType: string;
  guarded: boolean;
  /** Unguarded, after a guarded branch of the same event: taken only when those are not. */
  otherwise: boolean;
}

function rawConfig(lc: Lifecycle): RawMachine {
  return lc.machine.config as unknown as RawMachine;
}

function rawEdges(config: RawMachine): RawEdge[] {
  return Object.entries(config.states).flatMap(([source, state]) =>
    Object.entries(state.on ?? {}).flatMap(([eventType, spec]) =>
      (Array.isArray(spec) ? spec : [spec]).flatMap((t, i, branches) => {
        const target = typeof t === 'string' ? t : t.target;
        const isGuarded = (b: RawTransition) => typeof b !== 'string' && b.guard !== undefined;
        const guarded = isGuarded(t);
        const otherwise = !guarded && branches.slice(0, i).some(isGuarded);
        const targets = target === undefined ? [source] : Array.isArray(target) ? target : [target];
        return targets.map((tgt) => ({ source, target: tgt, eventType, guarded, otherwise }));
      }),
    ),
  );
}

function sectionOf(doc: string, machineId: string): string {
  const start = doc.indexOf(`\n## ${machineId} (version `);
  expect(start, `no section for ${machineId}`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('process documentation', () => {
  const rendered = renderProcessDoc();

  it('docs/process.md matches what the machines render', () => {
    const stale = 'docs/process.md is out of date with workflows/: run `npm run docs` and commit the result';
    expect(existsSync(docUrl), stale).toBe(true);
    const committed = readFileSync(docUrl, 'utf8').replace(/\r\n/g, '\n');
    expect(committed, stale).toBe(rendered);
  });

  it('renders the same text every time', () => {
    expect(renderProcessDoc()).toBe(rendered);
  });

  it('documents every case kind and the service group, in that order', () => {
    const headings = [...rendered.matchAll(/^## (\w+) \(version /gm)].map((m) => m[1]);
    expect(headings).toEqual(documented.map((kind) => currentLifecycle(kind).machine.id));
  });

  describe.each(documented.map((kind) => [kind, currentLifecycle(kind)] as const))('%s', (_kind, lc) => {
    const config = rawConfig(lc);
    const section = sectionOf(rendered, config.id);

    it('heads its section with the machine version', () => {
      expect(section).toContain(`## ${config.id} (version ${lc.version})`);
    });

    it('shows every state in the diagram and in the table', () => {
      for (const state of Object.keys(config.states)) {
        expect(section, `state ${state} missing from the diagram`).toMatch(
          new RegExp(`^    state ".+" as ${state}$`, 'm'),
        );
        expect(section, `state ${state} missing from the table`).toContain(`| \`${state}\` |`);
      }
    });

    it('marks the initial state and every final state', () => {
      expect(section).toContain(`    [*] --> ${config.initial}\n`);
      for (const [state, raw] of Object.entries(config.states)) {
        const line = `    ${state} --> [*]\n`;
        if (raw.type === 'final') expect(section).toContain(line);
        else expect(section).not.toContain(line);
      }
    });

    it('shows every event type of the machine', () => {
      const eventTypes = new Set([...Object.keys(lc.eventSchemas), ...rawEdges(config).map((e) => e.eventType)]);
      for (const type of eventTypes) {
        expect(section, `event ${type} missing from the table`).toContain(`\`${type}\``);
        expect(section, `event ${type} missing from the diagram`).toContain(` : ${lc.eventLabels[type] ?? type}`);
      }
    });

    it('draws exactly one arrow per transition, self-transitions and guards included', () => {
      const placeholder = ' [guard]';
      const expected = rawEdges(config)
        .map(
          (e) =>
            `${e.source} --> ${e.target} : ${lc.eventLabels[e.eventType] ?? e.eventType}${e.guarded || e.otherwise ? placeholder : ''}`,
        )
        .sort();
      const drawn = section
        .split('\n')
        .filter((line) => /^ {4}\w+ --> \w+ : /.test(line))
        .map((line) => line.trim().replace(/ \[[^\]]+\]$/, placeholder))
        .sort();
      expect(drawn).toEqual(expected);
    });
  });

  it('translates the guards into Swedish', () => {
    expect(rendered).toContain('Förläng tidsfristen [om fristen inte redan förlängts]');
    expect(rendered).toContain('Påbörja utredning [anonymt]');
    expect(rendered).toContain('Bekräfta mottagandet [ej anonymt]');
    expect(rendered).toContain('    composing --> scheduled : Boka mötet [när deltagarna är valda]\n');
    expect(rendered).toContain(
      '    held --> follow_up : Dokumentera utfall och åtgärder [med överenskomna åtgärder]\n',
    );
    expect(rendered).toContain('    follow_up --> closed : Åtgärd klar [när sista åtgärden är klar]\n');
  });

  it('marks the branch taken when the guarded ones are not', () => {
    expect(rendered).toContain('    held --> closed : Dokumentera utfall och åtgärder [annars]\n');
    expect(rendered).toContain('    follow_up --> follow_up : Åtgärd klar [annars]\n');
    // An event that is always accepted in some way shows no condition in the table.
    expect(rendered).toContain(
      '| `held` | Mötet är hållet | Mötet är hållet | yes | `RECORD_OUTCOME` Dokumentera utfall och åtgärder |',
    );
  });
});

describe('docs/service-group.md', () => {
  const doc = existsSync(serviceGroupUrl) ? readFileSync(serviceGroupUrl, 'utf8').replace(/\r\n/g, '\n') : '';

  it('carries the escalation diagram the machine generates (run `npm run docs` to update)', () => {
    expect(doc, 'docs/service-group.md is missing').not.toBe('');
    expect(spliceServiceGroupDoc(doc), 'docs/service-group.md is stale: run `npm run docs`').toBe(doc);
  });

  it('has exactly one generated block, and it holds the diagram and the state table', () => {
    expect(doc.split(SERVICE_GROUP_START)).toHaveLength(2);
    expect(doc.split(SERVICE_GROUP_END)).toHaveLength(2);
    const block = doc.slice(
      doc.indexOf(SERVICE_GROUP_START) + SERVICE_GROUP_START.length,
      doc.indexOf(SERVICE_GROUP_END),
    );
    expect(block.trim()).toBe(renderServiceGroupBlock().trim());
    expect(block).toContain('stateDiagram-v2');
    for (const state of Object.keys(rawConfig(currentLifecycle('service_group')).states)) {
      expect(block, `state ${state} missing from the block`).toContain(`| \`${state}\` |`);
    }
  });

  it('explains every state in words, with the label the machine gives it', () => {
    const lc = currentLifecycle('service_group');
    const prose = doc.slice(doc.indexOf(SERVICE_GROUP_END));
    for (const [state, node] of Object.entries(lc.machine.states)) {
      const label = (node.meta as { label?: string } | undefined)?.label ?? state;
      expect(prose, `state ${state} missing from the table in words`).toContain(`| \`${state}\` | ${label} |`);
    }
  });
});

describe('README lifecycle diagrams', () => {
  it('are the ones the machines generate (run `npm run docs` to update)', async () => {
    const { spliceReadme } = await import('../../scripts/process-doc.js');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(spliceReadme(readme), 'README.md is stale: run `npm run docs`').toBe(readme);
    expect(readme).toContain('stateDiagram-v2');
  });
});
