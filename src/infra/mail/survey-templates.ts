import { build, date, hello, s, type Data, type RenderedMail } from './mail-layout.js';

// The follow-up survey after a closed case: an invitation and up to three reminders. Plain
// Swedish, the link first, and a true account of what happens with the answer.

const anonymity =
  'Dina svar sparas utan ditt namn, ditt företag och ärendenumret. Ingen kan se vad just du har svarat.';
const lastDay = (d: Data) => `Du kan svara till och med ${date(d.lastDay)}. Länken fungerar tills du har svarat.`;
const decline = 'Vill du inte svara? Öppna länken och välj "Jag vill inte svara", så skickar vi inga fler påminnelser.';

export const surveyTemplates: Record<string, (d: Data) => RenderedMail> = {
  survey_invitation: (d) =>
    build(`Vad tyckte du om vår service i ärende ${s(d.reference)}?`, hello(d), [
      `Ditt ärende "${s(d.subject)}" (${s(d.reference)}) är avslutat. Vi vill gärna veta vad du tyckte om hur kommunen skötte det.`,
      `Svara på några korta frågor här. Det tar ungefär tre minuter:\n${s(d.url)}`,
      lastDay(d),
      anonymity,
      'Svaren hjälper oss att göra servicen till företag bättre. Det är frivilligt att svara.',
      decline,
    ]),
  survey_reminder: (d) =>
    build(`Påminnelse: vad tyckte du om vår service i ärende ${s(d.reference)}?`, hello(d), [
      `Vi har tidigare frågat vad du tyckte om hur kommunen skötte ditt ärende "${s(d.subject)}" (${s(d.reference)}). ` +
        `Har du inte hunnit svara än kan du göra det här:\n${s(d.url)}`,
      lastDay(d),
      anonymity,
      decline,
    ]),
};
