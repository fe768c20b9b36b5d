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

/**
 * What each code answers, in one table for the API's problem+json and the pages alike: the HTTP
 * status, the problem's title, and the heading a person reads on a staff page's error page.
 */
export const errorTable: Record<ErrorCode, { status: number; title: string; pageTitle: string }> = {
  invalid_input: { status: 400, title: 'Ogiltiga uppgifter', pageTitle: 'Det gick inte' },
  unauthenticated: { status: 401, title: 'Inloggning krävs', pageTitle: 'Inloggning krävs' },
  forbidden: { status: 403, title: 'Otillåtet', pageTitle: 'Ingen behörighet' },
  not_found: { status: 404, title: 'Finns inte', pageTitle: 'Sidan finns inte' },
  version_conflict: { status: 409, title: 'Ärendet har ändrats', pageTitle: 'Det gick inte' },
  conflict: { status: 409, title: 'Krock med något som redan finns', pageTitle: 'Det gick inte' },
  // The case exists and the request is well-formed; its current state does not take the event.
  event_not_accepted: { status: 422, title: 'Händelsen är inte tillåten i ärendets läge', pageTitle: 'Det gick inte' },
  payload_too_large: { status: 413, title: 'För stor begäran', pageTitle: 'Det gick inte' },
  rate_limited: { status: 429, title: 'För många förfrågningar', pageTitle: 'Det gick inte' },
};

export const statusOf = (code: ErrorCode): number => errorTable[code].status;

/** A failure a client can act on; `errorTable` maps `code` to a status and problem title. */
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
