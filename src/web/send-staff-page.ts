import type { Request, Response } from 'express';
import type { Html } from '../views/html.js';
import { csrfToken } from './csrf.js';
import { renderStaffPage } from './staff-layout.js';

/**
 * Answers with a whole staff page of the given status: the signed-in user's menu and a fresh
 * form token when there is a session; none when the failure came before one (or is the session).
 */
export function sendStaffPage(
  req: Request,
  res: Response,
  status: number,
  page: { title: string; body: Html; anonymous?: boolean },
): void {
  const known = !page.anonymous;
  res
    .status(status)
    .type('html')
    .send(
      renderStaffPage({
        title: page.title,
        user: known ? (req.staff ?? null) : null,
        csrfToken: known && req.session ? csrfToken(req) : '',
        body: page.body,
      }),
    );
}
