import { isLate, promisedDateText, type PromisedDate } from '../../domain/promised-date.js';
import { formatSwedishSpan } from '../../domain/working-days.js';
import { build, date, followLink, hello, lateBy, s, when, type Data, type RenderedMail } from './mail-layout.js';

// Mails of the service group ("dukat bord"). Invitations carry an iCalendar part; the text
// says the same in plain Swedish, since not every reader opens the calendar file.

interface AgendaUnit {
  unitLabel: string;
  lines: string[];
}
interface Participant {
  name: string;
  title: string;
  unitLabel: string;
}
interface ActionLine {
  description: string;
  owner: string;
  dueDate: string;
  promise?: PromisedDate;
  byCompany?: boolean;
}

// "Klart senast …", or for a day already passed when the summary is written, how late it is.
const actionDue = (a: ActionLine) => {
  const text = promisedDateText(a.promise ?? { dueDate: a.dueDate }, { ours: !a.byCompany });
  return isLate(a.promise) ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : `Klart ${text}`;
};

const meetingPlace = (d: Data) => {
  const m = d.meeting as { location: string | null; videoUrl: string | null };
  return [m.location ? `Plats: ${m.location}` : '', m.videoUrl ? `Videolänk: ${m.videoUrl}` : '']
    .filter(Boolean)
    .join('\n');
};
const meetingTime = (d: Data) => {
  const m = d.meeting as { startsAt: string; endsAt: string };
  return formatSwedishSpan(new Date(m.startsAt), new Date(m.endsAt));
};
const agendaText = (d: Data) =>
  ((d.agenda as AgendaUnit[] | undefined) ?? [])
    .map((u) => `${u.unitLabel}:\n${u.lines.map((l) => `– ${l}`).join('\n')}`)
    .join('\n\n');
const participantsText = (d: Data) =>
  ((d.participants as Participant[] | undefined) ?? [])
    .map((p) => `– ${p.name}, ${p.title} (${p.unitLabel})`)
    .join('\n');
const calendar = (d: Data, method: 'REQUEST' | 'CANCEL') => ({ method, content: s(d.ics) });

export const serviceGroupTemplates: Record<string, (d: Data) => RenderedMail> = {
  table_requested: (d) =>
    build(`Ny begäran om dukat bord: ${s(d.companyName)}`, 'Hej!', [
      d.origin === 'breach'
        ? `Handslag föreslår ett dukat bord för ${s(d.companyName)}, eftersom en servicegaranti inte hölls.`
        : d.origin === 'multi_unit'
          ? `Handslag föreslår ett dukat bord för ${s(d.companyName)}, eftersom ärendet berör flera enheter.`
          : `${s(d.requestedBy)} ber om ett dukat bord för ${s(d.companyName)}.`,
      `Skäl: ${s(d.reason)}`,
      `Ärenden: ${s(d.references)}`,
      `Ta emot eller avböj begäran: ${s(d.url)}`,
    ]),
  table_declined: (d) =>
    build(`Inget dukat bord för ${s(d.companyName)}`, 'Hej!', [
      `Samordnaren har avböjt begäran om ett dukat bord för ${s(d.companyName)} (${s(d.references)}).`,
      `Skäl: ${s(d.reason)}`,
    ]),
  table_invitation: (d) => {
    const again = Number(d.sequence) > 0;
    const forCompany = d.audience === 'company';
    const mail = build(
      `${again ? 'Ny tid: ' : ''}Dukat bord ${when((d.meeting as { startsAt: string }).startsAt)}${forCompany ? '' : ` – ${s(d.companyName)}`}`,
      hello(d),
      [
        forCompany
          ? `Välkommen till ett dukat bord. Det betyder att du träffar alla på kommunen som ` +
            `arbetar med dina ärenden vid ett och samma möte, så att ni kan lösa frågorna tillsammans.`
          : `Du är inbjuden till ett dukat bord med ${s(d.companyName)}.`,
        again ? 'Mötet har fått en ny tid. Den tidigare tiden gäller inte längre.' : '',
        `Tid: ${meetingTime(d)}\n${meetingPlace(d)}`,
        `Det här ska vi prata om:\n\n${agendaText(d)}`,
        `Från kommunen kommer:\n${participantsText(d)}`,
        forCompany
          ? 'Ta gärna med ritningar, frågor och annat som rör ärendena. Kan du inte komma? Hör av dig till oss så hittar vi en annan tid.'
          : `Skäl till mötet: ${s(d.reason)}\nFörbered det din enhet behöver veta om ärendena ovan.`,
        'Inbjudan finns också som kalenderfil i mejlet.',
        followLink(d),
      ],
    );
    return { ...mail, calendar: calendar(d, 'REQUEST') };
  },
  table_cancellation: (d) => {
    const mail = build(`Inställt: dukat bord ${when((d.meeting as { startsAt: string }).startsAt)}`, hello(d), [
      d.removed
        ? `Du behöver inte längre delta i mötet med ${s(d.companyName)} ${meetingTime(d)}.`
        : `Mötet ${meetingTime(d)} om ${d.audience === 'company' ? 'dina ärenden' : `ärendena för ${s(d.companyName)}`} är inställt.`,
      d.reason ? `Skäl: ${s(d.reason)}` : '',
      d.audience === 'company' && !d.removed ? 'Dina ärenden fortsätter som vanligt hos respektive handläggare.' : '',
      followLink(d),
    ]);
    return { ...mail, calendar: calendar(d, 'CANCEL') };
  },
  table_summary: (d) => {
    const actions = (d.actions as ActionLine[] | undefined) ?? [];
    return build(`Sammanfattning av mötet ${date(d.meetingDate)}`, hello(d), [
      `Tack för mötet ${date(d.meetingDate)}. Här är det vi kom överens om.`,
      s(d.summary),
      actions.length
        ? `Vem gör vad och när:\n${actions.map((a) => `– ${a.description}. Ansvarig: ${a.owner}. ${actionDue(a)}.`).join('\n')}`
        : 'Vi kom inte överens om några fler åtgärder.',
      actions.length ? 'Vi följer upp varje punkt och hör av oss när allt är klart.' : '',
      `Ärenden: ${s(d.references)}`,
      followLink(d),
    ]);
  },
  table_warning: (d) =>
    build(`Påminnelse: dukat bord för ${s(d.companyName)} ska bokas senast ${date(d.dueDate)}`, 'Hej!', [
      `Begäran om dukat bord för ${s(d.companyName)} har inte fått någon mötestid. Servicegarantin: ${s(d.clockLabel)}.`,
      `Boka mötet senast ${date(d.dueDate)}: ${s(d.url)}`,
    ]),
  table_breach: (d) =>
    build(`Servicegarantin har inte hållits: dukat bord för ${s(d.companyName)}`, 'Hej!', [
      `Det dukade bordet för ${s(d.companyName)} skulle ha bokats senast ${date(d.dueDate)} (${s(d.clockLabel)}).`,
      `Boka mötet i dag och berätta för företaget när det blir: ${s(d.url)}`,
    ]),
  table_escalation: (d) =>
    build(`Fortfarande inget dukat bord för ${s(d.companyName)}`, 'Hej!', [
      `Det dukade bordet för ${s(d.companyName)} är fortfarande inte bokat. Gränsen var ${date(d.dueDate)}.${lateBy(d)}`,
      `Öppna begäran: ${s(d.url)}`,
    ]),
  action_reminder: (d) =>
    build(`Påminnelse: ${s(d.description)} – senast ${date(d.dueDate)}`, hello(d), [
      `Vid det dukade bordet ${date(d.meetingDate)} kom vi överens om att ${d.audience === 'company' ? 'ni' : 'du'} gör följande:`,
      s(d.description),
      `Det ska vara klart senast ${date(d.dueDate)}.`,
      d.audience === 'company'
        ? 'Hör av dig till oss om något är oklart.'
        : `Markera åtgärden som klar när den är gjord: ${s(d.url)}`,
    ]),
  action_overdue: (d) =>
    build(`Försenad åtgärd: ${s(d.description)}`, hello(d), [
      `Åtgärden "${s(d.description)}" från det dukade bordet ${date(d.meetingDate)} skulle ha varit klar ${date(d.dueDate)}.`,
      d.audience === 'company'
        ? 'Hör av dig till oss om du behöver mer tid eller hjälp.'
        : `Gör den klar eller kontakta samordnaren, och markera den som klar: ${s(d.url)}`,
    ]),
};
