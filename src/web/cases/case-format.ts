import type { CaseView } from '../../application/case-view-schema.js';
import { localDateOf } from '../../domain/local-date.js';
import { isUnit, units } from '../../domain/units.js';
import { formatSwedishDate, formatSwedishTime } from '../../domain/working-days.js';

/** "fredag 20 november 2026 kl. 09.00", Stockholm time whatever zone the server runs in. */
export const swedishDateTime = (at: string | Date): string => {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${formatSwedishDate(localDateOf(d))} ${formatSwedishTime(d)}`;
};

/** "fredag 20 november 2026", the Stockholm date of an instant. */
export const swedishDay = (at: string | Date): string =>
  formatSwedishDate(localDateOf(typeof at === 'string' ? new Date(at) : at));

export const unitName = (code: string | null | undefined): string =>
  code && isUnit(code) ? units[code] : (code ?? 'Ingen enhet');

export const kindLabels: Record<CaseView['kind'], string> = {
  company_case: 'Företagsärende',
  complaint: 'Klagomål',
  company_visit: 'Lotsande företagsbesök',
};

export const channelLabels: Record<string, string> = {
  phone: 'Telefon',
  visit: 'Besök',
  email: 'E-post',
  eservice: 'E-tjänst',
  letter: 'Brev',
  company_visit: 'Företagsbesök',
};

export const decisionOutcomeLabels: Record<string, string> = {
  approved: 'Bifall',
  partially_approved: 'Delvis bifall',
  rejected: 'Avslag',
  dismissed: 'Avvisning',
  written_off: 'Avskrivning',
};

// What each mail is, for the case's list of e-mails; an unknown template shows its own name.
export const mailTemplateLabels: Record<string, string> = {
  receipt: 'Mottagningsbekräftelse',
  complement_request: 'Begäran om komplettering',
  extension: 'Besked om förlängd tidsfrist',
  decision: 'Beslut',
  assigned: 'Tilldelat handläggare',
  complaint_ack: 'Bekräftelse av klagomål',
  complaint_answer: 'Svar på klagomål',
  complaint_review: 'Ny prövning efter missnöje',
  deadline_warning: 'Påminnelse före tidsfrist',
  deadline_breach: 'Tidsfristen överskreds',
  deadline_escalation: 'Upprepad påminnelse om överskriden tidsfrist',
  complement_arrived: 'Komplettering inkommen',
  table_requested: 'Begäran om dukat bord',
  table_declined: 'Dukat bord avböjt',
  table_invitation: 'Kallelse till dukat bord',
  table_cancellation: 'Dukat bord inställt',
  table_summary: 'Sammanfattning av dukat bord',
  table_warning: 'Påminnelse om dukat bord',
  table_breach: 'Dukat bord försenat',
  table_escalation: 'Upprepad påminnelse om dukat bord',
  action_reminder: 'Påminnelse om åtgärd',
  action_overdue: 'Försenad åtgärd',
  survey_invitation: 'Enkät om kontakten',
  survey_reminder: 'Påminnelse om enkät',
};

export const mailStatusLabels: Record<string, string> = {
  pending: 'Väntar på att skickas',
  sending: 'Skickas',
  sent: 'Skickat',
  failed: 'Misslyckades',
  uncertain: 'Osäkert om det gick fram',
};

export const audienceLabels: Record<string, string> = { company: 'Företaget', staff: 'Personal' };
