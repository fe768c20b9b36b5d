import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderProcessDoc } from '../../scripts/process-doc.js';
import { caseKinds, currentLifecycle, type Lifecycle } from '../../workflows/registry.js';

const docUrl = new URL('../../docs/process.md', import.meta.url);

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
}

function rawConfig(lc: Lifecycle): RawMachine {
  return lc.machine.config as unknown as RawMachine;
}

function rawEdges(config: RawMachine): RawEdge[] {
  return Object.entries(config.states).flatMap(([source, state]) =>
    Object.entries(state.on ?? {}).flatMap(([eventType, spec]) =>
      (Array.isArray(spec) ? spec : [spec]).flatMap((t) => {
        const target = typeof t === 'string' ? t : t.target;
        const guarded = typeof t !== 'string' && t.guard !== undefined;
        const targets = target === undefined ? [source] : Array.isArray(target) ? target : [target];
        return targets.map((tgt) => ({ source, target: tgt, eventType, guarded }));
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

  describe.each(caseKinds.map((kind) => [kind, currentLifecycle(kind)] as const))('%s', (_kind, lc) => {
    const config = rawConfig(lc);
    const section = sectionOf(rendered, config.id);

    it('heads its section with the machine version', () => {
      expect(section).toContain(`## ${config.id} (version ${lc.version})`);
    });

    it('shows every state in the diagram and in the table', () => {
      for (const state of Object.keys(config.states)) {
        expect(section, `state ${state} missing from the diagram`).toMatch(new RegExp(`^    state ".+" as ${state}$`, 'm'));
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
        .map((e) => `${e.source} --> ${e.target} : ${lc.eventLabels[e.eventType] ?? e.eventType}${e.guarded ? placeholder : ''}`)
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
