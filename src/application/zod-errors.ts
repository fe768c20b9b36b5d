import type { z } from 'zod';
import type { FieldError } from '../domain/errors.js';

/** zod issues as `{ path, message }` with dotted paths, the shape problem+json carries. */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'Okänt fält.' }));
    }
    return [{ path: base || '(body)', message: issue.message }];
  });
}
