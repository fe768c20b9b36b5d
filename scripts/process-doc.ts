import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { caseKinds, currentLifecycle, type Lifecycle, type LifecycleKind } from '../workflows/registry.js';

/** Every lifecycle the documents show, in order: the two case machines, then the service group's escalation. */
export const documentedKinds: readonly LifecycleKind[] = [...caseKinds, 'service_group'];

// Guards are code names; the reader of this document is a case officer or a manager, not a developer.
const guardLabels: Record<string, string> = {
  extensionAvailable: 'om fristen inte redan förlängts',
  isAnonymous: 'anonymt',
  isNamed: 'ej anonymt',
  hasParticipants: 'när deltagarna är valda',
  agreedActions: 'med överenskomna åtgärder',
  allActionsDone: 'när sista åtgärden är klar',
};

// An unguarded branch after guarded ones for the same event is taken only when none of them
// is; without a word the two arrows would read as if either could happen.
const OTHERWISE = 'annars';

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
    [...node.transitions.values()].flatMap((branches) =>
      branches.flatMap((t, i) => {
        // A transition without a target stays where it is, which for the reader is a self-transition.
        const targets = t.target && t.target.length > 0 ? t.target.map((s) => s.key) : [node.key];
        const fallback =
          i > 0 && guardName(t.guard) === null && branches.slice(0, i).some((b) => guardName(b.guard) !== null);
        const guard = fallback ? OTHERWISE : guardText(t.guard);
        return targets.map((target) => ({ source: node.key, target, eventType: t.eventType, guard }));
      }),
    ),
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
    lines.push(
      `    ${edge.source} --> ${edge.target} : ${edgeText(withGuard(eventLabel(lc, edge.eventType), edge.guard))}`,
    );
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
  const lines = ['| Code | Label | Public label | Open | Accepted events |', '| --- | --- | --- | --- | --- |'];
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
  return [`## ${lc.machine.id} (version ${lc.version})`, '', ...renderDiagram(lc), '', ...renderStateTable(lc)];
}

export function renderProcessDoc(): string {
  const lines = [
    '# Lifecycles',
    '',
    '> Generated by `npm run docs` from the state machines in `workflows/`. Do not edit this file by hand:',
    '> change the machine and run `npm run docs`; `test/unit/process-doc.test.ts` fails while this file is out of date.',
    '',
    'Each diagram shows the states with their Swedish labels and the transitions with the Swedish name of the',
    'event, followed by the condition in brackets when the transition has one ("annars" marks the branch taken',
    'when the conditions before it do not hold). Only the current version of each machine is shown.',
    '',
    'The first two machines are the cases: the company case (företagsärende) and the complaint about service and',
    'treatment (klagomål). The third, `escalation`, is a request for a "dukat bord" at the service group, which',
    '[service-group.md](service-group.md) explains.',
  ];
  for (const kind of documentedKinds) {
    lines.push('', ...renderLifecycle(currentLifecycle(kind)));
  }
  return `${lines.join('\n')}\n`;
}

const kindTitles: Record<string, string> = {
  company_case: 'Company case (företagsärende)',
  complaint: 'Complaint (klagomål om service och bemötande)',
};

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

/** Replaces what lies between two markers with `content`, leaving the rest of `text` as written. */
function spliceBlock(text: string, startMarker: string, endMarker: string, content: string, what: string): string {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker, start === -1 ? 0 : start);
  if (start === -1 || end === -1) throw new Error(`${what} lacks the markers ${startMarker} … ${endMarker}`);
  return `${text.slice(0, start + startMarker.length)}\n\n${content}${text.slice(end)}`;
}

/** Replaces the generated block of the README, leaving the rest of it as written. */
export function spliceReadme(readme: string): string {
  return spliceBlock(readme, README_START, README_END, renderReadmeLifecycles(), 'README.md');
}

export const SERVICE_GROUP_START = '<!-- service-group-diagram:start (generated by npm run docs) -->';
export const SERVICE_GROUP_END = '<!-- service-group-diagram:end -->';

/** The escalation's diagram and state table, for the block in docs/service-group.md. */
export function renderServiceGroupBlock(): string {
  const lc = currentLifecycle('service_group');
  return [...renderDiagram(lc), '', ...renderStateTable(lc), '', ''].join('\n');
}

/** Replaces the generated block of docs/service-group.md, leaving the rest of it as written. */
export function spliceServiceGroupDoc(doc: string): string {
  return spliceBlock(doc, SERVICE_GROUP_START, SERVICE_GROUP_END, renderServiceGroupBlock(), 'docs/service-group.md');
}
