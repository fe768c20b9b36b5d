import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problemText: Record<number, string> = {
  400: 'Invalid input; `errors` names each field',
  401: 'No or unknown bearer token',
  403: 'The role may not do this',
  404: 'No such resource (or not visible to the caller)',
  409: 'The case changed since `expectedVersion`',
  413: 'Body too large',
  422: 'The case in its current state does not accept this event',
  429: 'Rate limited',
};

export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: problemText[s] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

export function buildOpenApiDocument(describe: ((r: OpenAPIRegistry) => void)[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff token from `npm run cli -- users add`',
  });
  for (const d of describe) d(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Handslag API',
      version: '1',
      description: "Cases, complaints and service guarantees for a municipality's work with businesses.",
    },
    servers: [{ url: '/' }],
  });
}
