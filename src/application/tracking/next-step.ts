// What happens next and what the company must do, said plainly from the case's state
// (Språklagen 11 §: the next step first, short sentences, no internal codes). The page puts
// "Nästa steg:" before it, so the text never says it again.
import { beyondReview } from '../../domain/complaint-review.js';
import { isLate, promisedDateText, type PromisedDate } from '../../domain/promised-date.js';

export interface NextStepInput {
  kind: string;
  status: string;
  officerFirstName: string | null;
  unitLabel: string | null;
  /** The open complement request, while the case waits for it. */
  complement: { message: string; dueDateText: string | null } | null;
  /** What the complement does to the decision clock when it arrives. */
  clockEffect: 'pause' | 'restart' | 'none';
  /** The promised dates, while the clock runs or is late. */
  decisionDue: PromisedDate | null;
  ackDue: PromisedDate | null;
  answerDue: PromisedDate | null;
  reviewDue?: PromisedDate | null;
  /** A complaint a manager has already gone through again after the complainant was not satisfied. */
  reviewed?: boolean;
  /** Who withdrew a withdrawn complaint: the complainant, or the municipality. */
  withdrawnBy?: 'complainant' | 'municipality' | null;
}

export interface NextStep {
  nextStep: string;
  yourPart: string | null;
}

// ", senast …" while the promise holds; once passed, a sentence of its own on how late it is.
const by = (due: PromisedDate | null | undefined) =>
  !due ? '' : isLate(due) ? `. Det ${promisedDateText(due)}` : `, ${promisedDateText(due)}`;

function companyCase(i: NextStepInput): NextStep {
  const who = i.officerFirstName ?? 'Handläggaren';
  switch (i.status) {
    case 'registered':
      return {
        nextStep: 'Ärendet går nu till rätt enhet. Där får det en handläggare, och du får veta vem.',
        yourPart: null,
      };
    case 'routed':
      return {
        nextStep: `Ärendet finns hos ${i.unitLabel ?? 'rätt enhet'}. Där får det en handläggare, och du får veta vem.`,
        yourPart: null,
      };
    case 'assigned':
      return { nextStep: `${who} går igenom ärendet och hör av sig om något saknas.`, yourPart: null };
    case 'in_progress':
      return { nextStep: `${who} handlägger ärendet. Sedan kommer beslutet${by(i.decisionDue)}.`, yourPart: null };
    case 'awaiting_complement': {
      const c = i.complement;
      const effect =
        i.clockEffect === 'restart'
          ? ' Tidsfristen för beslut börjar räknas om från början när kompletteringen har kommit in.'
          : i.clockEffect === 'pause'
            ? ' Tiden för beslut står still tills kompletteringen har kommit in.'
            : '';
      return {
        nextStep: `När kompletteringen har kommit in fortsätter ${i.officerFirstName ?? 'handläggaren'} med ärendet.${effect}`,
        yourPart: c
          ? `Vi väntar på komplettering från dig: ${c.message.replace(/[\s.]+$/, '')}, ${c.dueDateText ? `senast ${c.dueDateText}` : 'så snart du kan'}.`
          : 'Vi väntar på komplettering från dig.',
      };
    }
    case 'decided':
      // The status above already says a decision is made; this says what to do with it.
      return { nextStep: 'Du kan läsa beslutet och hur du överklagar det nedan.', yourPart: null };
    case 'closed':
      return { nextStep: 'Ärendet är avslutat. Du behöver inte göra något mer.', yourPart: null };
    case 'resolved_at_first_contact':
      return {
        nextStep:
          'Ärendet löstes direkt när du kontaktade oss. Svaret du fick står nedan. Du behöver inte göra något mer.',
        yourPart: null,
      };
    case 'withdrawn':
      return { nextStep: 'Ärendet är återkallat. Vi gör inget mer i det.', yourPart: null };
    default:
      return { nextStep: 'Vi arbetar med ärendet och hör av oss.', yourPart: null };
  }
}

function complaint(i: NextStepInput): NextStep {
  switch (i.status) {
    case 'received':
      return {
        nextStep: `Vi bekräftar att vi har tagit emot klagomålet och berättar vem som utreder det${by(i.ackDue)}.`,
        yourPart: null,
      };
    case 'acknowledged':
    case 'investigating':
      return {
        nextStep: `${i.officerFirstName ? `${i.officerFirstName} utreder` : 'Vi utreder'} klagomålet. Du får ett svar${by(i.answerDue)}.`,
        yourPart: null,
      };
    case 'answered':
      return {
        nextStep: i.reviewed
          ? `Vi har besvarat klagomålet igen, efter att en chef gått igenom det. ${beyondReview}`
          : 'Vi har besvarat klagomålet. Är du inte nöjd med svaret kan du höra av dig till oss, så går en chef igenom det.',
        yourPart: null,
      };
    case 'manager_review':
      return {
        nextStep: `En chef går igenom klagomålet och svaret du fick. Du får ett nytt svar${by(i.reviewDue)}.`,
        yourPart: null,
      };
    case 'closed':
      return { nextStep: 'Klagomålet är avslutat. Tack för att du hjälper oss att bli bättre.', yourPart: null };
    case 'withdrawn':
      return {
        nextStep:
          i.withdrawnBy === 'municipality'
            ? 'Vi har avslutat klagomålet utan att utreda det vidare. Skälet står nedan.'
            : 'Du har återkallat klagomålet. Vi gör inget mer i det.',
        yourPart: null,
      };
    default:
      return { nextStep: 'Vi arbetar med klagomålet och hör av oss.', yourPart: null };
  }
}

export function nextStepOf(i: NextStepInput): NextStep {
  if (i.kind === 'complaint') return complaint(i);
  if (i.kind === 'company_case') return companyCase(i);
  return {
    nextStep: i.status === 'closed' ? 'Besöket är avslutat.' : 'Vi hör av oss om det som kom fram vid besöket.',
    yourPart: null,
  };
}
