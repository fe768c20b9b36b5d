import type { ErrorRequestHandler, Response } from 'express';
import { AppError, errorTable, type ErrorCode, type FieldError } from '../domain/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
  instance?: string,
) {
  const { status, title } = errorTable[code];
  const body: Problem = {
    type: `https://handslag.se/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors.length ? { errors } : {}),
  };
  // Extensions may add members but never overwrite the standard ones.
  for (const [k, v] of Object.entries(extra)) if (!(k in body)) body[k] = v;
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** One place that turns every failure into RFC 9457 problem+json; anything unknown is a 500 and logged. */
export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof AppError)
    return sendProblem(res, err.code, err.message, err.errors, err.extra, req.originalUrl.split('?')[0]);
  const bp = err as BodyParserError;
  if (bp.type === 'entity.too.large') return sendProblem(res, 'payload_too_large', 'Begäran är större än tillåtet.');
  if (bp.type === 'entity.parse.failed')
    return sendProblem(res, 'invalid_input', 'Begäran är inte giltig JSON.', [
      { path: '(body)', message: 'Ogiltig JSON.' },
    ]);
  if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported')
    return sendProblem(res, 'invalid_input', 'Teckenkodningen stöds inte; använd UTF-8.');
  // Anything else the framework already judged a client error (a broken percent-escape in the
  // path, say) is the client's, never a 500.
  if (bp.status && bp.status >= 400 && bp.status < 500)
    return sendProblem(res, 'invalid_input', 'Begäran kunde inte läsas.');
  req.log?.error({ err }, 'unhandled error');
  res
    .status(500)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'https://handslag.se/problems/internal',
        title: 'Internt fel',
        status: 500,
        detail: 'Ett oväntat fel inträffade. Försök igen.',
      }),
    );
};
