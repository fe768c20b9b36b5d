import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register, routedCase } from '../support/fixtures.js';
import { staffAccount, StaffBrowser, type StaffAccount } from '../support/staff-web.js';
import { useTestApp } from '../support/use-test-app.js';

// Friday 20 November 2026, 09:00 in Stockholm.
const NOW = '2026-11-20T09:00:00+01:00';

const versionOf = (page: string, action: string, type: string) => {
  const form =
    page.split('<form').find((f) => f.includes(`action="${action}"`) && f.includes(`name="type" value="${type}"`)) ??
    '';
  return /name="expectedVersion" value="(\d+)"/.exec(form)?.[1] ?? '';
};

describe('the staff pages in Swedish as people write it', () => {
  const {
    app,
    users: { desk },
    accounts: { olle, sara, eva },
  } = useTestApp({
    staff: true,
    now: NOW,
    users: { desk: 'registrar' },
    accounts: {
      olle: ['officer', { unit: 'bygglov', name: 'Olle Berg' }],
      sara: ['coordinator', { name: 'Sara Samordnare' }],
      eva: ['admin', { name: 'Eva Ek' }],
    },
  });
  beforeAll(async () => {
    await staffAccount(app, 'registrar', { name: 'Rita Reg' });
  });

  const loginAs = async (account: StaffAccount) => {
    const b = new StaffBrowser(app);
    const res = await b.login(account.email, account.password);
    expect(res.status).toBe(303);
    return b;
  };

  it('counts one dukat bord in the singular', async () => {
    const c = await register(
      app,
      desk,
      companyCaseBody({ category: 'serveringstillstand', subject: 'Serveringstillstånd för restaurang' }),
    );
    const res = await app.request('POST', '/api/escalations', {
      token: desk.token,
      body: { caseId: c.id, reason: 'Tre enheter ställer krav på samma lokal.' },
    });
    expect(res.status).toBe(201);
    const list = await (await loginAs(sara)).get('/dukat-bord');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<h2 id="lista-h">1 dukat bord</h2>');
    expect(list.text).not.toContain('1 dukade bord');
  });

  it('writes a login time and a lock as every other page does: the weekday, "kl." and a full stop', async () => {
    const admin = await loginAs(eva);
    const page = await admin.get('/admin/anvandare');
    expect(page.text).toContain('Senast inloggad fredag 20 november 2026 kl. 09.00');
    expect(page.text).not.toMatch(/Senast inloggad \d+ november 2026 kl\. \d\d:\d\d/);
  });

  it('offers people for the service-group register without a parenthesis inside a parenthesis', async () => {
    const page = await (await loginAs(sara)).get('/servicegruppen');
    expect(page.status).toBe(200);
    expect(page.text).toContain('>Rita Reg, registrator (medborgarcenter)</option>');
    expect(page.text).toContain('>Olle Berg, handläggare</option>');
    expect(page.text).not.toMatch(/\(Registrator \(medborgarcenter\)\)/);
  });

  it("says after an action what now holds, not the button's command", async () => {
    const c = await routedCase(app, desk, 'bygglov', { subject: 'Tillbyggnad av lager' });
    const b = await loginAs(olle);
    const path = `/arenden/${c.reference}`;
    const action = `${path}/handelser`;
    let page = await b.get(path);
    const take = await b.post(action, {
      type: 'ASSIGN',
      expectedVersion: versionOf(page.text, action, 'ASSIGN'),
      assigneeId: olle.id,
    });
    expect(take.status).toBe(303);
    page = await b.get(take.location!);
    expect(page.text).toContain('<p class="notice" role="status">Handläggaren är vald.</p>');
    const start = await b.post(action, { type: 'START', expectedVersion: versionOf(page.text, action, 'START') });
    expect(start.status).toBe(303);
    page = await b.get(start.location!);
    expect(page.text).toContain('<p class="notice" role="status">Handläggningen är påbörjad.</p>');
    expect(page.text).not.toContain('Klart: ');
  });
});
