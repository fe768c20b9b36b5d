import {
  build,
  date,
  followLink,
  hello,
  lateBy,
  s,
  when,
  withAside,
  type Data,
  type RenderedMail,
} from './mail-layout.js';
import { serviceGroupTemplates } from './service-group-templates.js';
import { surveyTemplates } from './survey-templates.js';
import { decisionOutcomeText } from '../../domain/decision-outcomes.js';
import { isLate, promisedDateText, type PromisedDate } from '../../domain/promised-date.js';
import { beyondReview } from '../../domain/complaint-review.js';

export type { RenderedMail } from './mail-layout.js';

const outcomeText = decisionOutcomeText;

// When the answer is promised; once the day has passed, how late it is and that it still comes.
const answerLine = (d: Data) => {
  if (!d.answerDueDate) return '';
  const p = (d.answerDue as PromisedDate | null | undefined) ?? {
    dueDate: s(d.answerDueDate),
    dueAt: null,
    lateWorkingDays: null,
  };
  return isLate(p)
    ? `Svaret ${promisedDateText(p)}. Du får det så snart vi kan.`
    : `Du får svar ${promisedDateText(p)}.`;
};

const templates: Record<string, (d: Data) => RenderedMail> = {
  receipt: (d) => {
    const guarantees =
      (d.guarantees as { label: string; dueDate: string | null; promise?: PromisedDate | null }[] | undefined) ?? [];
    return build(`Vi har tagit emot ditt ärende ${s(d.reference)}`, hello(d), [
      `Vi har tagit emot ditt ärende "${s(d.subject)}". Det har fått ärendenummer ${s(d.reference)}. Ange numret när du kontaktar oss.`,
      `Nästa steg: ärendet går till ${s(d.unitLabel) || 'rätt enhet'}. Där får det en handläggare, och du får veta vem.`,
      guarantees.length
        ? `Det här lovar vi dig:\n${guarantees.map((g) => `– ${g.dueDate ? withAside(g.label, promisedDateText(g.promise ?? { dueDate: g.dueDate })) : g.label}`).join('\n')}`
        : '',
      d.pbl
        ? 'Enligt plan- och bygglagen ska vi fatta beslut inom tidsfristen, räknat från den ' +
          'dag ansökan är komplett. Tidsfristen kan förlängas en gång. Håller vi inte tidsfristen ' +
          'sänks avgiften med en femtedel för varje påbörjad vecka som den överskrids. Beslutet ' +
          'kan överklagas. Hur du gör det står i beslutet.'
        : '',
      followLink(d),
    ]);
  },
  // A case resolved at the first contact: the answer given, and nothing promised.
  resolved_at_first_contact: (d) =>
    build(`Ditt ärende ${s(d.reference)} är löst`, hello(d), [
      `Tack för att du kontaktade oss om "${s(d.subject)}". Vi löste ärendet direkt ${date(d.resolvedDate)}. Det har ärendenummer ${s(d.reference)}.`,
      `Det här svaret fick du:\n${s(d.resolution)}`,
      'Ärendet är avslutat. Du behöver inte göra något mer. Har du fler frågor kan du höra av dig till oss och ange ärendenumret.',
      followLink(d),
    ]),
  complement_request: (d) =>
    build(`Vi behöver komplettering i ärende ${s(d.reference)}`, hello(d), [
      `För att kunna fortsätta med ärendet "${s(d.subject)}" (${s(d.reference)}) behöver vi mer underlag från dig.`,
      `Det här behöver vi:\n${s(d.message)}`,
      d.dueDate ? `Skicka kompletteringen senast ${date(d.dueDate)}.` : 'Skicka kompletteringen så snart du kan.',
      d.clockEffect === 'restart'
        ? 'När kompletteringen har kommit in börjar tidsfristen för beslut räknas om från början.'
        : d.clockEffect === 'pause'
          ? 'Tiden för vårt beslut står still tills kompletteringen har kommit in.'
          : '',
      d.trackingUrl
        ? `Du kan skicka kompletteringen med filer direkt på sidan för ditt ärende: ${s(d.trackingUrl)}`
        : '',
    ]),
  extension: (d) =>
    build(`Tidsfristen i ärende ${s(d.reference)} har förlängts`, hello(d), [
      d.newDueDate
        ? `Vi behöver mer tid för ärendet "${s(d.subject)}" (${s(d.reference)}). Beslut kommer senast ${date(d.newDueDate)}.`
        : `Vi behöver mer tid för ärendet "${s(d.subject)}" (${s(d.reference)}). Tiden för ` +
          `beslut förlängs med ${s(d.weeks)} veckor, räknat från när ärendet är komplett.`,
      `Skälet är: ${s(d.reason)}`,
      'Tidsfristen kan bara förlängas en gång.',
      followLink(d),
    ]),
  decision: (d) => {
    const fifths = Number(d.feeReductionFifths ?? 0);
    return build(`Beslut i ärende ${s(d.reference)}`, hello(d), [
      `${outcomeText[s(d.outcome)] ?? 'Vi har fattat beslut i ditt ärende.'} Beslutet gäller "${s(d.subject)}" (${s(d.reference)}) och fattades ${date(d.decidedDate)}.`,
      `Motivering:\n${s(d.reasoning)}`,
      d.decidedBy ? `Beslutet fattades av ${s(d.decidedBy)}.` : '',
      fifths > 0
        ? `Vi höll inte tidsfristen. Därför sänks avgiften med ${fifths === 5 ? 'hela beloppet' : `${fifths} femtedel${fifths > 1 ? 'ar' : ''}`}.`
        : '',
      'Om du inte är nöjd med beslutet kan du överklaga det. Skicka överklagandet till ' +
        'oss inom tre veckor från den dag du fick beslutet. Skriv vilket beslut det gäller ' +
        'och vilken ändring du vill ha.',
      followLink(d),
    ]);
  },
  assigned: (d) =>
    build(`Din handläggare i ärende ${s(d.reference)}`, hello(d), [
      `Ditt ärende "${s(d.subject)}" (${s(d.reference)}) handläggs nu av ${s(d.officerName)}${d.unitLabel ? ` på ${s(d.unitLabel)}` : ''}.`,
      `Nästa steg: ${s(d.officerFirstName)} går igenom ärendet och hör av sig om något saknas.`,
      followLink(d),
    ]),
  complaint_ack: (d) =>
    build(`Vi har tagit emot ditt klagomål ${s(d.reference)}`, hello(d), [
      `Tack för att du hör av dig. Vi har tagit emot ditt klagomål "${s(d.subject)}" (${s(d.reference)}).`,
      d.handlerName ? `${s(d.handlerName)} utreder det.` : 'Vi utreder det nu.',
      answerLine(d),
      d.message ? s(d.message) : '',
      followLink(d),
    ]),
  // To the complainant who filed from the tracking page: it has arrived, and what comes next.
  complaint_received: (d) =>
    build(`Ditt klagomål ${s(d.reference)} har kommit in`, hello(d), [
      `Tack för att du hör av dig. Ditt klagomål om handläggningen av ärende ${s(d.relatedReference)} har kommit in och har fått nummer ${s(d.reference)}.`,
      d.ackDue
        ? `Nästa steg: vi berättar vem som utreder klagomålet, ${promisedDateText(d.ackDue as PromisedDate)}.`
        : 'Nästa steg: vi berättar vem som utreder klagomålet.',
      answerLine({ answerDueDate: (d.answerDue as PromisedDate | null)?.dueDate ?? null, answerDue: d.answerDue }),
      'Ett klagomål är inte ett överklagande. Vill du ändra ett beslut står det i beslutet hur du överklagar.',
      followLink(d),
    ]),
  // To the unit's manager (never the person the complaint is about): a complaint to handle.
  // One sentence says what it concerns: the case, and what the complainant is unhappy with.
  complaint_arrived: (d) =>
    build(`Nytt klagomål: ${s(d.reference)}`, 'Hej!', [
      `Ett ${d.anonymous ? 'anonymt ' : ''}klagomål har kommit in till din enhet: "${s(d.subject)}".`,
      complaintTopic(d),
      d.anonymous
        ? 'Utred det och avsluta det med de åtgärder ni gör.'
        : 'Bekräfta det till klaganden och säg vem som utreder det. Du kan lämna utredningen till en handläggare, men aldrig till den som klagomålet gäller.',
      `Öppna klagomålet: ${s(d.caseUrl)}`,
    ]),
  complaint_review_requested: (d) =>
    build(`Klaganden är inte nöjd: ${s(d.reference)}`, 'Hej!', [
      `Klaganden i ${s(d.reference)} "${s(d.subject)}" är inte nöjd med svaret. Nu är det du som chef som går igenom klagomålet och svarar igen.`,
      d.reason ? `Det här är klaganden inte nöjd med:\n${s(d.reason)}` : '',
      `Öppna klagomålet: ${s(d.caseUrl)}`,
    ]),
  complaint_answer: (d) =>
    build(`Svar på ditt klagomål ${s(d.reference)}`, hello(d), [
      `Här är vårt svar på ditt klagomål "${s(d.subject)}" (${s(d.reference)}).`,
      s(d.answer),
      `Det här gör vi:\n${s(d.measures)}`,
      // A chef has already gone through a complaint answered after "inte nöjd": no second round is promised.
      d.reviewed
        ? `Svaret kommer efter att en chef har gått igenom klagomålet igen. ${beyondReview}`
        : 'Om du inte är nöjd med svaret kan du höra av dig till oss. Då går en chef igenom klagomålet.',
      followLink(d),
    ]),
  deadline_warning: (d) =>
    build(`Påminnelse: ${s(d.reference)} ska vara klart ${d.dueDate ? date(d.dueDate) : when(d.dueAt)}`, 'Hej!', [
      `Ärende ${s(d.reference)} "${s(d.subject)}" närmar sig gränsen för servicegarantin: ${s(d.clockLabel)}.`,
      `Det ska vara klart senast ${d.dueDate ? date(d.dueDate) : when(d.dueAt)}.`,
      `Öppna ärendet: ${s(d.caseUrl)}`,
    ]),
  deadline_breach: (d) =>
    build(`Servicegarantin har inte hållits i ${s(d.reference)}`, 'Hej!', [
      `Ärende ${s(d.reference)} "${s(d.subject)}" har passerat gränsen för servicegarantin: ${s(d.clockLabel)}.`,
      `Gränsen var ${d.dueDate ? date(d.dueDate) : when(d.dueAt)}.${lateBy(d)} Ta ställning ` +
        `till nästa steg i dag och berätta för företaget varför det dröjer (förvaltningslagen 11 §).`,
      `Öppna ärendet: ${s(d.caseUrl)}`,
    ]),
  deadline_escalation: (d) =>
    build(`Fortfarande försenat: ${s(d.reference)}`, 'Hej!', [
      `Ärende ${s(d.reference)} "${s(d.subject)}" är fortfarande inte klart. Servicegarantin (${s(d.clockLabel)}) gick ut ${d.dueDate ? date(d.dueDate) : when(d.dueAt)}.${lateBy(d)}`,
      `Öppna ärendet: ${s(d.caseUrl)}`,
    ]),
  // To the officer when a company answers a complement request from its tracking page.
  complement_arrived: (d) => {
    const files = Number(d.fileCount ?? 0);
    return build(`Komplettering inkommen: ${s(d.reference)}`, 'Hej!', [
      `Företaget har skickat en komplettering i ärende ${s(d.reference)} "${s(d.subject)}" ` +
        `från sidan för ärendet${files ? `, med ${files === 1 ? 'en fil' : `${files} filer`}` : ''}.`,
      'Ärendet är tillbaka under handläggning och tiden för beslut räknas igen.',
      `Öppna ärendet: ${s(d.caseUrl)}`,
    ]);
  },
  ...serviceGroupTemplates,
  ...surveyTemplates,
};

export const templateNames = Object.keys(templates);

export function renderMail(template: string, data: Data): RenderedMail {
  const t = templates[template];
  if (!t) throw new Error(`Unknown mail template ${template}`);
  return t(data);
}

/** "Det gäller bemötande i ärende HS-2026-000002." — the concerns and the case in one sentence. */
function complaintTopic(d: Data): string {
  const concerns = ((d.concerns as string[] | undefined) ?? []).map((c) => c.toLowerCase());
  const what = concerns.length > 1 ? `${concerns.slice(0, -1).join(', ')} och ${concerns.at(-1)}` : (concerns[0] ?? '');
  if (d.relatedReference) return `Det gäller ${what ? `${what} i ` : ''}ärende ${s(d.relatedReference)}.`;
  return what ? `Det gäller ${what}.` : '';
}
