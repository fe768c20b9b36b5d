import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server inside the test: mails arrive over the wire and are parsed back. */
export interface SmtpSink {
  url: string;
  mails: ParsedMail[];
  /** Refuses connections until `start` again, to play a mail server that is down. */
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(predicate: (mails: ParsedMail[]) => boolean, what: string, timeoutMs?: number): Promise<ParsedMail[]>;
  to(address: string): ParsedMail[];
}

export interface SmtpSinkOptions {
  /**
   * Holds back the answer to a mail's DATA: the mail is in `mails` (the server has it) but the
   * client never hears 250, as when the sender dies between handing over and the answer.
   * `onHeld` is told when the first such mail has arrived.
   */
  holdAnswer?: (mail: ParsedMail, index: number) => boolean;
  onHeld?: (mail: ParsedMail) => void;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  let port = 0;
  let server: SMTPServer;
  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            mails.push(m);
            if (options.holdAnswer?.(m, mails.length - 1)) options.onHeld?.(m);
            else callback();
          })
          .catch(callback);
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  };
  await listen();
  const sink: SmtpSink = {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    mails,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: listen,
    async waitFor(predicate, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(mails)) {
        if (Date.now() > deadline)
          throw new Error(
            `Timed out waiting for ${what}; got ${mails.length} mail(s): ${mails.map((m) => m.subject).join(' | ')}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    to(address) {
      return mails.filter((m) => {
        const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
        return to.some((t) => t.value.some((v) => v.address === address));
      });
    },
  };
  return sink;
}
