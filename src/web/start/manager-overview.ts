import type { AppContext } from '../../context.js';
import type { CaseView } from '../../application/case-view-schema.js';
import { toCaseViews } from '../../application/case-view.js';
import type { EscalationView } from '../../application/escalation-view-schema.js';
import { toEscalationView } from '../../application/escalation-view.js';
import { listCases, listCasesQuerySchema } from '../../application/list-cases.js';
import { listEscalations, listEscalationsQuerySchema } from '../../application/list-escalations.js';
import type { Actor } from '../../domain/roles.js';
import { isUnit } from '../../domain/units.js';
import { html, type Html } from '../../views/html.js';
import { unitName } from '../cases/case-format.js';
import { mostUrgent, soonDueBefore, urgencyText } from '../cases/case-urgency.js';

/** How many of each kind the start page lists; the links lead to the whole list. */
export const OVERVIEW_SHOWN = 5;

export interface ManagerOverview {
  unit: string;
  late: { cases: CaseView[]; more: boolean };
  soon: { cases: CaseView[]; more: boolean };
  complaints: { cases: CaseView[]; more: boolean };
  tables: EscalationView[];
}

/**
 * What a unit manager needs to see first: the unit's late cases (most late first), those due
 * soon, complaints still open and dukade bord still open, each through the API's own queries.
 */
export async function managerOverview(ctx: AppContext, actor: Actor): Promise<ManagerOverview | null> {
  if (actor.role !== 'manager' || !actor.unit || !isUnit(actor.unit)) return null;
  const unit = actor.unit;
  const soonDate = soonDueBefore(ctx.clock.now(), await ctx.reference.closingDays(ctx.db));
  const cases = async (query: Record<string, string>) => {
    const { rows, nextCursor } = await listCases(
      ctx,
      actor,
      listCasesQuerySchema.parse({ unit, limit: String(OVERVIEW_SHOWN), ...query }),
      { openOnly: true },
    );
    return { cases: await toCaseViews(ctx, actor, rows, false), more: nextCursor !== null };
  };
  const late = await cases({ overdue: 'true', order: 'most_late' });
  const soon = await cases({ overdue: 'false', dueBefore: soonDate, order: 'most_late' });
  // Complaints all have the one category klagomål: its index finds the few among the unit's many cases.
  const complaints = await cases({ kind: 'complaint', category: 'klagomal' });
  const open = await listEscalations(ctx, actor, listEscalationsQuerySchema.parse({ open: 'true', limit: '25' }));
  const tables: EscalationView[] = [];
  for (const r of open.rows) tables.push(await toEscalationView(ctx, actor, r));
  return { unit, late, soon, complaints, tables };
}

export function caseList(
  list: { cases: CaseView[]; more: boolean },
  empty: string,
  all: string,
  allLabel: string,
): Html {
  if (list.cases.length === 0) return html`<p>${empty}</p>`;
  return html`<ul class="overview-list">${list.cases.map((c) => {
    const urgent = mostUrgent(c.deadlines);
    const shown = urgent ? urgencyText(urgent.urgency, urgent.deadline.remaining ?? urgent.deadline.stateLabel) : null;
    return html`<li><a href="/arenden/${c.reference}">${c.reference}</a> ${c.subject}
<span class="meta">${c.statusLabel}, ${c.assignee?.name ?? 'ingen handläggare'}${shown ? html`. ${shown.badge ? html`<strong>${shown.badge}:</strong> ` : ''}${shown.text}${urgent?.deadline.dueDateText ? html` (${urgent.deadline.dueDateText})` : ''}` : ''}</span></li>`;
  })}</ul>
${list.more ? html`<p class="meta">Här visas de ${OVERVIEW_SHOWN} första.</p>` : ''}
<p><a href="${all}">${allLabel}</a></p>`;
}

export function managerOverviewSection(o: ManagerOverview): Html {
  return html`<p>Det här väntar i ${unitName(o.unit)} i dag.</p>
<section aria-labelledby="sen-h">
<h2 id="sen-h">Försenade ärenden</h2>
${caseList(o.late, 'Inga ärenden i enheten är försenade.', '/arenden?vy=enhet&frist=forsenade', 'Alla försenade ärenden, mest försenade först')}
</section>
<section aria-labelledby="snart-h">
<h2 id="snart-h">Snart förfallna ärenden</h2>
${caseList(o.soon, 'Inga ärenden i enheten förfaller de närmaste dagarna.', '/arenden?vy=enhet&frist=snart', 'Alla försenade eller snart förfallna ärenden')}
</section>
<section aria-labelledby="klag-h">
<h2 id="klag-h">Klagomål som väntar</h2>
${caseList(o.complaints, 'Inga öppna klagomål i enheten.', '/klagomal', 'Alla klagomål')}
</section>
<section aria-labelledby="bord-h">
<h2 id="bord-h">Dukade bord som väntar</h2>
${
  o.tables.length === 0
    ? html`<p>Inga öppna dukade bord rör enheten.</p>`
    : html`<ul class="overview-list">${o.tables.map(
        (t) =>
          html`<li><a href="/dukat-bord/${t.id}">${t.company.name}</a> <span class="meta">${t.statusLabel}${t.meeting ? html`, ${t.meeting.text}` : ''}. ${t.cases.map((c) => c.reference).join(', ')}</span></li>`,
      )}</ul>`
}
<p><a href="/dukat-bord">Alla dukade bord</a></p>
</section>`;
}
