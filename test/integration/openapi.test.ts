import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/use-test-app.js';

describe('GET /api/openapi.json', () => {
  const { app } = useTestApp({});

  it('is a valid OpenAPI document', async () => {
    const res = await app.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every endpoint of the contract', async () => {
    const { body } = await app.request('GET', '/api/openapi.json');
    const ops = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/cases',
        'GET /api/cases',
        'GET /api/cases/{id}',
        'POST /api/cases/{id}/events',
        'GET /api/cases/{id}/history',
        'GET /api/categories',
        'GET /api/calendar/non-working-days',
      ]),
    );
    expect(body.components.schemas.RegisterCase.properties.kind.enum).toEqual([
      'company_case',
      'complaint',
      'company_visit',
    ]);
    expect(body.components.schemas.company_case_DECIDE.required).toEqual(
      expect.arrayContaining(['type', 'expectedVersion', 'outcome', 'reasoning']),
    );
  });
});
