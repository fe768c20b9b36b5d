import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification key, so a receiving system can drop a duplicate too. */
  messageId: string;
  /** An iCalendar invitation or cancellation, sent as text/calendar beside the text. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP when `SMTP_URL` is set; otherwise each mail is written as an .eml file, so the embedded
 * default needs no mail server and a person can open what would have been sent.
 */
export function createMailer(options: { smtpUrl?: string; mailDir: string; from: string }): Mailer {
  const transport: Transporter = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl, {
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
      } as never)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'Content-Language': 'sv' },
        ...(mail.calendar
          ? { icalEvent: { method: mail.calendar.method, filename: 'inbjudan.ics', content: mail.calendar.content } }
          : {}),
      });
      if (!options.smtpUrl) {
        await fs.mkdir(options.mailDir, { recursive: true });
        const name = mail.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_');
        await fs.writeFile(path.join(options.mailDir, `${name}.eml`), (info as unknown as { message: Buffer }).message);
      }
    },
    close() {
      transport.close();
    },
  };
}
