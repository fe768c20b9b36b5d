import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubPii } from '../domain/pii.js';

/**
 * Structured logs that never carry a personnummer, e-mail address or phone number: known
 * fields are redacted by path, and every message string is scrubbed by pattern as well.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'handslag' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.email',
          '*.phone',
          '*.orgNumber',
          '*.personnummer',
          'contact',
          'company',
        ],
        censor: '[dold]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPii(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        // Driver errors quote the offending values (a duplicate e-mail, say): scrub them too.
        err: (err: Error) => {
          const out = pino.stdSerializers.err(err);
          return { ...out, message: scrubPii(out.message ?? ''), stack: scrubPii(out.stack ?? '') };
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
