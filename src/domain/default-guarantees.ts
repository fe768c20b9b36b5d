import { categories } from './categories.js';
import type { GuaranteeDefinition } from './guarantee.js';
import { guaranteeDefinitionSchema } from './guarantee.js';

// Defaults from published municipal practice (docs/guarantees.md names the sources). Every
// municipality edits them; these only make a fresh installation keep sensible promises.

const caseOpenStates = [
  'assigned',
  'in_progress',
  'awaiting_complement',
  'decided',
  'closed',
  'resolved_at_first_contact',
];

interface DecisionDefault {
  value: number;
  unit: 'working_days' | 'weeks';
  label: string;
}

const decisions: Record<string, DecisionDefault> = {
  bygglov: { value: 10, unit: 'weeks', label: 'Beslut inom 10 veckor från komplett ansökan (PBL 9 kap. 99 §)' },
  anmalan: { value: 4, unit: 'weeks', label: 'Beslut inom 4 veckor från komplett anmälan (PBL 9 kap. 99 §)' },
  forhandsbesked: { value: 10, unit: 'weeks', label: 'Beslut inom 10 veckor från komplett ansökan (PBL 9 kap. 99 §)' },
  livsmedel: { value: 10, unit: 'working_days', label: 'Beslut om registrering inom 10 arbetsdagar' },
  'miljo-halsoskydd': { value: 6, unit: 'weeks', label: 'Beslut inom 6 veckor från komplett ansökan' },
  serveringstillstand: {
    value: 8,
    unit: 'weeks',
    label: 'Beslut om stadigvarande tillstånd inom 8 veckor från komplett ansökan',
  },
  brandskydd: { value: 6, unit: 'weeks', label: 'Beslut inom 6 veckor från komplett ansökan' },
  markupplatelse: { value: 15, unit: 'working_days', label: 'Beslut inom 15 arbetsdagar' },
};

export function defaultGuarantees(): { code: string; definition: GuaranteeDefinition }[] {
  const out: { code: string; definition: GuaranteeDefinition }[] = [];
  for (const c of categories.filter((cat) => cat.kind === 'company_case')) {
    const firstContactDays = c.code === 'etablering' ? 2 : 3;
    out.push({
      code: `${c.code}-first-contact`,
      definition: guaranteeDefinitionSchema.parse({
        label:
          c.code === 'etablering'
            ? 'En kontaktperson hör av sig inom 2 arbetsdagar'
            : 'Du får veta vem som handlägger ditt ärende inom 3 arbetsdagar',
        kind: 'company_case',
        category: c.code,
        clock: 'first_contact',
        length: { value: firstContactDays, unit: 'working_days' },
        startsOn: { event: 'REGISTERED' },
        stopsOn: caseOpenStates,
        cancelsOn: ['withdrawn'],
        warnings: [{ before: { value: 1, unit: 'working_days' } }],
        onBreach: ['notify_manager'],
      }),
    });
    const d = decisions[c.code];
    if (!d) continue;
    out.push({
      code: `${c.code}-decision`,
      definition: guaranteeDefinitionSchema.parse({
        label: d.label,
        kind: 'company_case',
        category: c.code,
        clock: 'decision',
        length: { value: d.value, unit: d.unit },
        startsOn: { event: 'REGISTERED' },
        stopsOn: ['decided'],
        cancelsOn: ['withdrawn', 'resolved_at_first_contact'],
        pausesIn: ['awaiting_complement'],
        // PBL 9:99: a complement ordered within three weeks restarts the limit in full.
        onComplement: c.pbl ? 'restart' : 'pause',
        warnings: [{ before: { value: 5, unit: 'working_days' } }, { atFraction: 0.8 }],
        onBreach: c.pbl
          ? ['notify_manager', 'propose_service_group', 'fee_reduction']
          : ['notify_manager', 'propose_service_group'],
        ruleVersion: c.pbl ? 'PBL-2025' : null,
      }),
    });
  }
  out.push({
    code: 'complaint-ack',
    definition: guaranteeDefinitionSchema.parse({
      label: 'Bekräftelse med namn på den som utreder inom 2 arbetsdagar',
      kind: 'complaint',
      anonymous: false,
      clock: 'complaint_ack',
      length: { value: 2, unit: 'working_days' },
      startsOn: { event: 'REGISTERED' },
      stopsOn: ['acknowledged', 'investigating', 'answered', 'closed', 'manager_review'],
      cancelsOn: ['withdrawn'],
      warnings: [{ before: { value: 1, unit: 'working_days' } }],
      onBreach: ['notify_manager'],
    }),
  });
  out.push({
    code: 'complaint-answer',
    definition: guaranteeDefinitionSchema.parse({
      label: 'Svar inom 10 arbetsdagar',
      kind: 'complaint',
      clock: 'complaint_answer',
      length: { value: 10, unit: 'working_days' },
      startsOn: { event: 'REGISTERED' },
      stopsOn: ['answered', 'closed'],
      cancelsOn: ['withdrawn'],
      warnings: [{ before: { value: 2, unit: 'working_days' } }],
      onBreach: ['notify_manager'],
    }),
  });
  return out;
}

/** The service group's promise: the table is set (a meeting booked) within 10 working days of the request. */
export function tableSetGuarantee(): { code: string; definition: GuaranteeDefinition } {
  return {
    code: 'service-group-table-set',
    definition: guaranteeDefinitionSchema.parse({
      label: 'Dukat bord: mötestid bokad inom 10 arbetsdagar från begäran',
      kind: 'service_group',
      clock: 'table_set',
      length: { value: 10, unit: 'working_days' },
      startsOn: { event: 'REQUESTED' },
      stopsOn: ['scheduled', 'rescheduled', 'held', 'follow_up', 'closed'],
      cancelsOn: ['declined', 'cancelled'],
      warnings: [{ before: { value: 2, unit: 'working_days' } }],
      onBreach: ['notify_manager'],
    }),
  };
}

/**
 * The manager's review after the complainant said "inte nöjd": a promise of its own, counted
 * from that day, kept when the complaint is answered again (or closed). Ten working days, as
 * the first answer. One review clock per complaint: a second "inte nöjd" finds it kept.
 */
export function complaintReviewGuarantee(): { code: string; definition: GuaranteeDefinition } {
  return {
    code: 'complaint-review',
    definition: guaranteeDefinitionSchema.parse({
      label: 'Ny prövning av en chef inom 10 arbetsdagar efter att du sagt att du inte är nöjd',
      kind: 'complaint',
      anonymous: false,
      clock: 'complaint_review',
      length: { value: 10, unit: 'working_days' },
      startsOn: { event: 'DISSATISFIED' },
      stopsOn: ['answered', 'closed'],
      cancelsOn: ['withdrawn'],
      warnings: [{ before: { value: 2, unit: 'working_days' } }],
      onBreach: ['notify_manager'],
    }),
  };
}
