/**
 * What staff call each guarantee clock. A guarantee's own label speaks to the company ("Du får
 * veta vem som handlägger ditt ärende inom 3 arbetsdagar"); staff notices, reports and the
 * admin pages name the clock by its kind.
 */
export const staffClockLabels: Record<string, string> = {
  first_contact: 'Första kontakt',
  decision: 'Beslut',
  complaint_ack: 'Bekräftelse av klagomål',
  complaint_answer: 'Svar på klagomål',
  complaint_review: 'Ny prövning efter missnöje',
  table_set: 'Dukat bord bokat',
};

export const staffClockLabel = (clock: string): string => staffClockLabels[clock] ?? clock;
