import { describe, expect, it } from 'vitest';
import { companyCaseBody, register, send } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

describe('request logs', () => {
  const {
    app,
    users: { desk },
  } = useTestApp({ users: { desk: 'registrar' } });

  const personnummer = '19121212-1212';
  const email = 'karin.lind@exempel.se';
  const phone = '+46709876543';

  it('writes one structured line per request with its id and timing', async () => {
    app.logLines.length = 0;
    const res = await app.request('GET', '/api/categories', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    const lines = app.logLines.map((l) => JSON.parse(l)).filter((l) => l.req?.url === '/api/categories');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ req: { id: 'req-abc-123', method: 'GET' }, res: { statusCode: 200 } });
    expect(typeof lines[0].responseTime).toBe('number');
  });

  it('never contains a personnummer, e-mail address or phone number', async () => {
    app.logLines.length = 0;
    const body = companyCaseBody({
      company: { orgNumber: personnummer, name: 'Karins Hårvård' },
      contact: { name: 'Karin Lind', email, phone },
      surveyConsent: true,
    });
    const c = await register(app, desk, body);
    await send(app, desk, c.id, 'ROUTE', { unit: 'bygglov' });
    await app.request('GET', `/api/cases?q=${encodeURIComponent(personnummer)}`, { token: desk.token });
    await app.request('GET', `/api/cases?q=${encodeURIComponent(email)}`, { token: desk.token });
    await app.request('GET', `/api/cases?q=${phone}`, { token: desk.token });
    // Invalid input echoes nothing personal back into the log either.
    await app.request('POST', '/api/cases', { token: desk.token, body: { ...body, channel: 'fax' } });
    await app.request('POST', '/api/cases', { token: desk.token, rawBody: `{"contact": {"email": "${email}"` });

    const log = app.logLines.join('\n');
    expect(app.logLines.length).toBeGreaterThanOrEqual(7);
    for (const secret of [
      personnummer,
      '191212121212',
      '121212-1212',
      email,
      phone,
      '0709876543',
      encodeURIComponent(email),
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
