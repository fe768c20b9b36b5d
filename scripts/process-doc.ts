import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { caseKinds, currentLifecycle, type Lifecycle } from '../workflows/registry.js';

// Guards are code names; the reader of this document is a case officer or a manager, not a developer.
const guardLabels: Record<string, string> = {
  extensionAvailable: 'om fristen inte redan förlängts',
  isAnonymous: 'anonymt',
  isNamed: 'ej anonymt',
};

interface StateMeta {
  label?: string;
  publicLabel?: string;
  open?: boolean;
}

interface Edge {
  source: string;
  target: string;
  eventType: string;
  guard: string | null;
}

// At run time a guard named in the config stays a plain string; the declared type only admits
// objects and functions, so all three shapes are handled.
function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'villkor';
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return 'villkor';
}

function guardText(guard: unknown): string | null {
  const name = guardName(guard);
  return name === null ? null : (guardLabels[name] ?? name);
}

function stateNodes(machine: AnyStateMachine): AnyStateNode[] {
  return Object.values(machine.root.states as Record<string, AnyStateNode>).sort((a, b) => a.order - b.order);
}

function metaOf(node: AnyStateNode): StateMeta {
  return (node.meta ?? {}) as StateMeta;
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...node.transitions.values()].flat();
}

function edges(machine: AnyStateMachine): Edge[] {
  return stateNodes(machine).flatMap((node) =>
    transitionsOf(node).flatMap((t) => {
      // A transition without a target stays where it is, which for the reader is a self-transition.
      const targets = t.target && t.target.length > 0 ? t.target.map((s) => s.key) : [node.key];
      return targets.map((target) => ({ source: node.key, target, eventType: t.eventType, guard: guardText(t.guard) }));
    }),
  );
}

// Mermaid ends a quoted state label at the first double quote.
function stateText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\r?\n/g, ' ');
}

// Mermaid ends a transition label at a colon or semicolon; entity codes would end it too.
function edgeText(text: string): string {
  return text.replace(/[:;]/g, ',').replace(/\r?\n/g, ' ');
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function eventLabel(lc: Lifecycle, eventType: string): string {
  return lc.eventLabels[eventType] ?? eventType;
}

function withGuard(text: string, guard: string | null): string {
  return guard === null ? text : `${text} [${guard}]`;
}

function renderDiagram(lc: Lifecycle): string[] {
  const machine = lc.machine;
  const nodes = stateNodes(machine);
  const lines = ['```mermaid', 'stateDiagram-v2'];
  for (const node of nodes) {
    lines.push(`    state "${stateText(metaOf(node).label ?? node.key)}" as ${node.key}`);
  }
  lines.push('');
  for (const initial of machine.root.initial.target) {
    lines.push(`    [*] --> ${initial.key}`);
  }
  for (const edge of edges(machine)) {
    lines.push(`    ${edge.source} --> ${edge.target} : ${edgeText(withGuard(eventLabel(lc, edge.eventType), edge.guard))}`);
  }
  for (const node of nodes.filter((n) => n.type === 'final')) {
    lines.push(`    ${node.key} --> [*]`);
  }
  lines.push('```');
  return lines;
}

// Events in the table follow the declared order of the event types, so every row reads alike.
function acceptedEvents(lc: Lifecycle, node: AnyStateNode): string {
  const declared = Object.keys(lc.eventLabels);
  const rank = (type: string) => {
    const i = declared.indexOf(type);
    return i === -1 ? declared.length : i;
  };
  const byType = new Map<string, (string | null)[]>();
  for (const t of transitionsOf(node)) {
    const guards = byType.get(t.eventType) ?? [];
    guards.push(guardText(t.guard));
    byType.set(t.eventType, guards);
  }
  const types = [...byType.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  if (types.length === 0) return '—';
  return types
    .map((type) => {
      const guards = byType.get(type) ?? [];
      // One unguarded branch means the event is always accepted, whatever the other branches say.
      const condition = guards.includes(null) ? null : [...new Set(guards)].join(' eller ');
      return `\`${type}\` ${withGuard(eventLabel(lc, type), condition)}`;
    })
    .join('<br>');
}

function renderStateTable(lc: Lifecycle): string[] {
  const lines = [
    '| Code | Label | Public label | Open | Accepted events |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const node of stateNodes(lc.machine)) {
    const meta = metaOf(node);
    const cells = [
      `\`${node.key}\``,
      meta.label ?? node.key,
      meta.publicLabel ?? node.key,
      meta.open ? 'yes' : 'no',
      acceptedEvents(lc, node),
    ];
    lines.push(`| ${cells.map(tableCell).join(' | ')} |`);
  }
  return lines;
}

function renderLifecycle(lc: Lifecycle): string[] {
  return [
    `## ${lc.machine.id} (version ${lc.version})`,
    '',
    ...renderDiagram(lc),
    '',
    ...renderStateTable(lc),
  ];
}

export function renderProcessDoc(): string {
  const lines = [
    '# Case lifecycles',
    '',
    '> Generated by `npm run docs` from the state machines in `workflows/`. Do not edit this file by hand:',
    '> change the machine and run `npm run docs`; `test/unit/process-doc.test.ts` fails while this file is out of date.',
    '',
    'Each diagram shows the states with their Swedish labels and the transitions with the Swedish name of the',
    'event, followed by the condition in brackets when the transition has one. Only the current version of each',
    'machine is shown.',
  ];
  for (const kind of caseKinds) {
    lines.push('', ...renderLifecycle(currentLifecycle(kind)));
  }
  return `${lines.join('\n')}\n`;
}

const kindTitles: Record<string, string> = { company_case: 'Company case (företagsärende)', complaint: 'Complaint (klagomål om service och bemötande)' };

export const README_START = '<!-- lifecycles:start (generated by npm run docs) -->';
export const README_END = '<!-- lifecycles:end -->';

/** The diagrams alone, for the README block between the two markers. */
export function renderReadmeLifecycles(): string {
  const lines: string[] = [];
  for (const kind of caseKinds) {
    const lc = currentLifecycle(kind);
    lines.push(`#### ${kindTitles[kind] ?? kind}`, '', ...renderDiagram(lc), '');
  }
  return lines.join('\n');
}

/** Replaces the generated block of the README, leaving the rest of it as written. */
export function spliceReadme(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) throw new Error('README.md lacks the lifecycle markers');
  return `${readme.slice(0, start + README_START.length)}\n\n${renderReadmeLifecycles()}${readme.slice(end)}`;
}
