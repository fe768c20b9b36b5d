import type { AppContext } from '../../context.js';
import type { CaseView } from '../../application/case-view-schema.js';
import { toCaseViews } from '../../application/case-view.js';
import { listCases, listCasesQuerySchema } from '../../application/list-cases.js';
import type { Actor } from '../../domain/roles.js';
import { isUnit } from '../../domain/units.js';
import { html, type Html } from '../../views/html.js';
import { unitName } from '../cases/case-format.js';
import { caseList, OVERVIEW_SHOWN } from './manager-overview.js';

export interface OfficerStart {
  unit: string;
  mine: { cases: CaseView[]; more: boolean };
  waiting: { cases: CaseView[]; more: boolean };
}

/**
 * An officer's start: their own open cases, most late first, and the unit's cases no officer
 * has taken yet, so work waiting in the unit is seen at login and not only in the queue.
 */
export async function officerStart(ctx: AppContext, actor: Actor): Promise<OfficerStart | null> {
  if (actor.role !== 'officer' || !actor.unit || !isUnit(actor.unit)) return null;
  const unit = actor.unit;
  const cases = async (query: Record<string, string>) => {
    const { rows, nextCursor } = await listCases(
      ctx,
      actor,
      listCasesQuerySchema.parse({ limit: String(OVERVIEW_SHOWN), ...query }),
      { openOnly: true },
    );
    return { cases: await toCaseViews(ctx, actor, rows, false), more: nextCursor !== null };
  };
  const mine = await cases({ assignee: 'me', order: 'most_late' });
  const waiting = await cases({ unit, assignee: 'none' });
  return { unit, mine, waiting };
}

export function officerStartSection(o: OfficerStart): Html {
  return html`<section aria-labelledby="mina-h">
<h2 id="mina-h">Mina ärenden</h2>
${caseList(o.mine, 'Du har inga öppna ärenden.', '/arenden?vy=mina', 'Alla mina ärenden')}
</section>
<section aria-labelledby="vantar-h">
<h2 id="vantar-h">Väntar på handläggare i ${unitName(o.unit)}</h2>
${caseList(o.waiting, 'Inga ärenden i enheten väntar på en handläggare.', '/arenden?vy=mina', 'Ta ett ärende i Mina ärenden')}
</section>`;
}
