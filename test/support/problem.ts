import { expect } from 'vitest';
import type { ApiResponse } from './test-app.js';

/** An RFC 9457 problem+json body as the API answers errors. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  [more: string]: unknown;
}

/**
 * Every error answer is problem+json whose `status` repeats the HTTP status, with a type, a title
 * and a detail that say something. With `field`, the answer's `errors` name it (among possibly
 * others), each error a path and a message.
 */
export function expectProblem(res: ApiResponse<unknown>, status: number, field?: string): ProblemBody {
  expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  const body = res.body as ProblemBody;
  expect(body.type.length).toBeGreaterThan(0);
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  if (field !== undefined) {
    expect(Array.isArray(body.errors), JSON.stringify(body)).toBe(true);
    for (const e of body.errors!) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(body.errors!.map((e) => e.path)).toContain(field);
  }
  return body;
}

/** A 400 whose `errors` name `path` (among possibly others), each with a message. */
export function expectFieldError(res: ApiResponse<unknown>, path: string): ProblemBody {
  return expectProblem(res, 400, path);
}
