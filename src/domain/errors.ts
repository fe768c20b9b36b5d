export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'version_conflict'
  /** The request clashes with something that already exists (a case already at an open table). */
  | 'conflict'
  | 'event_not_accepted'
  | 'payload_too_large'
  | 'rate_limited';

export interface FieldError {
  path: string;
  message: string;
}

/** A failure a client can act on; the HTTP layer maps `code` to a status and problem type. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidField = (path: string, message: string) =>
  new AppError('invalid_input', message, [{ path, message }]);
export const notFound = (what: string) => new AppError('not_found', `${what} finns inte.`);
