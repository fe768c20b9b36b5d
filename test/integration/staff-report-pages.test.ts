import { beforeAll, describe, expect, it } from 'vitest';
import { StaffBrowser } from '../support/staff-web.js';
import { insertAnswers, insertCase, insertDeadline, insertEvent, insertVisit } from './reports-fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// A small fixture whose figures are worked out by hand below; the page must show them in each
// chart's text description and in the table under it, and the file must be the API's.

const PERIOD = '?from=2026-01&to=2026-03';

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** The text of the SVG description with the given id. */
const descOf = (page: string, id: string) => new RegExp(`<desc id="${id}-desc">([^<]*)</desc>`).exec(page)?.[1] ?? '';
const sectionOf = (page: string, name: string) => {
  const start = page.indexOf(`id="rapport-${name}"`);
  return page.slice(start, page.indexOf('</section>', start));
};

describe('Rapporter: the report pages', () => {
  let browser: StaffBrowser;

  const {
    app,
    users: { api },
    accounts: { manager, officer },
  } = useTestApp({
    staff: true,
    users: { api: ['manager', 'bygglov'] },
    accounts: {
      manager: ['manager', { unit: 'bygglov', name: 'Maja Chef' }],
      officer: ['officer', { unit: 'bygglov' }],
    },
  });
  beforeAll(async () => {
    const started = '2025-12-01T09:00:00.000Z';
    const c = (category: string) => insertCase(app, api.id, { category, receivedAt: started });
    // Guarantees, whole period: bygglov decision 1 kept, 1 late, 1 still breached here, and the two decided
    // cases below kept theirs (3 of 5, 60 %); livsmedel 1 kept; the answered complaint's clock kept.
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2026-01-15T10:00:00.000Z',
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'met_late',
      startedAt: started,
      breachedAt: '2026-01-10T10:00:00.000Z',
      metAt: '2026-01-20T10:00:00.000Z',
    });
    await insertDeadline(app, await c('bygglov'), {
      clock: 'decision',
      state: 'breached',
      startedAt: started,
      breachedAt: '2026-02-10T10:00:00.000Z',
    });
    await insertDeadline(app, await c('livsmedel'), {
      clock: 'decision',
      state: 'met',
      startedAt: started,
      metAt: '2026-02-03T10:00:00.000Z',
    });

    // Lead times: bygglov decided after 10 and 20 days: median 15, 90th percentile 19.
    for (const [receivedAt, decidedAt] of [
      ['2026-01-01T09:00:00.000Z', '2026-01-11T09:00:00.000Z'],
      ['2026-01-02T09:00:00.000Z', '2026-01-22T09:00:00.000Z'],
    ] as const) {
      const id = await insertCase(app, api.id, { category: 'bygglov', receivedAt });
      await insertEvent(app, id, 'REGISTERED', receivedAt);
      await insertEvent(app, id, 'DECIDE', decidedAt);
      await insertDeadline(app, id, { clock: 'decision', state: 'met', startedAt: receivedAt, metAt: decidedAt });
    }

    // Complaints: two about treatment, one answered within the guarantee; one anonymous about efficiency.
    const complaint = async (concerns: string[], receivedAt: string, answeredAt: string | null, anonymous = false) => {
      const id = await insertCase(app, api.id, {
        kind: 'complaint',
        category: 'klagomal',
        unit: 'bygglov',
        concerns,
        receivedAt,
        anonymous,
      });
      if (answeredAt) await insertEvent(app, id, 'ANSWER', answeredAt);
      await insertDeadline(app, id, {
        clock: 'complaint_answer',
        state: answeredAt ? 'met' : 'running',
        startedAt: receivedAt,
        ...(answeredAt ? { metAt: answeredAt } : {}),
      });
    };
    await complaint(['treatment'], '2026-02-02T08:00:00.000Z', '2026-02-06T08:00:00.000Z');
    await complaint(['treatment'], '2026-02-10T08:00:00.000Z', null);
    await complaint(['efficiency'], '2026-03-02T08:00:00.000Z', null, true);

    // NKI: bygglov 7 answers of 8/8/8 → 78 (högt); livsmedel 3 answers → too few; the four-area total over 10 → 71.
    await insertAnswers(app, 7, { area: 'bygglov', closedMonth: '2026-02', nki: [8, 8, 8] });
    await insertAnswers(app, 3, { area: 'livsmedel', closedMonth: '2026-03', nki: [6, 6, 6] });

    // Visits in 2026: two, against 100 a year; by November (the test clock) the target so far is 92.
    await insertVisit(app, api.id, '2026-01-15');
    await insertVisit(app, api.id, '2026-02-10');

    browser = new StaffBrowser(app);
    expect((await browser.login(manager.email, manager.password, '/rapporter')).status).toBe(303);
  });

  it('shows this year up to this month by default, with the period form', async () => {
    const res = await browser.get('/rapporter');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Rapporter</h1>');
    expect(res.text).toContain(
      'id="from" name="from" aria-describedby="from-hint" type="month" inputmode="numeric" placeholder="ÅÅÅÅ-MM" value="2026-01"',
    );
    expect(res.text).toContain('value="2026-11"');
    expect(res.text).toContain('<strong>januari 2026 – november 2026</strong>');
    expect(res.text).toContain('<a href="/rapporter" aria-current="page">Rapporter</a>');
  });

  it('draws each report from the fixture and says its figures in the chart description and the table', async () => {
    const res = await browser.get(`/rapporter${PERIOD}`);
    expect(res.status).toBe(200);
    const page = res.text;
    expect(page).toContain('<strong>januari 2026 – mars 2026</strong>');

    expect(page).toContain(
      '<svg class="chart" role="img" aria-labelledby="chart-guarantees-title" aria-describedby="chart-guarantees-desc"',
    );
    expect(descOf(page, 'chart-guarantees')).toBe(
      'Hela perioden. Bygglov, beslut: 3 hållna, 1 klara efter utlovad tid, 1 överskriden, ' +
        'totalt 5, 60 % hållna. Klagomål på service och bemötande, svar på klagomål: 1 hållen, ' +
        '0 klara efter utlovad tid, 0 överskridna, totalt 1, 100 % hållna. Livsmedelsregistrering, ' +
        'beslut: 1 hållen, 0 klara efter utlovad tid, 0 överskridna, totalt 1, 100 % hållna.',
    );
    const guarantees = sectionOf(page, 'guarantees');
    expect(guarantees).toContain(
      '<tr><th scope="row">Hela perioden</th><td>Bygglov</td><td>Beslut</td><td>3</td><td>1</td><td>1</td><td>5</td><td>60</td></tr>',
    );
    expect(guarantees).toContain('<th scope="col">Andel hållna (%)</th>');
    // The figure is written beside its bar, not carried by colour alone.
    expect(guarantees).toContain('>60 % hållna</text>');

    expect(descOf(page, 'chart-lead-times')).toBe(
      'Kalenderdagar från registrering till beslut, hela perioden. Bygglov: 2 beslut, median 15 dagar, 90:e percentil 19 dagar.',
    );
    expect(sectionOf(page, 'lead-times')).toContain(
      '<tr><th scope="row">Hela perioden</th><td>Bygglov</td><td>2</td><td>15</td><td>19</td><td>2</td><td>15</td><td>19</td></tr>',
    );

    expect(descOf(page, 'chart-complaints')).toBe(
      'Alla klagomål: 3 inkomna, varav 1 anonyma, 1 besvarade, 1 besvarade inom garantin. ' +
        'Per ämne (ett klagomål kan gälla flera): Effektivitet: 1 inkomna, 0 besvarade inom ' +
        'garantin. Bemötande: 2 inkomna, 1 besvarade inom garantin.',
    );
    expect(sectionOf(page, 'complaints')).toContain(
      '<tr><th scope="row">Alla klagomål</th><td>Alla</td><td>3</td><td>1</td><td>1</td><td>1</td><td>4</td><td>4</td></tr>',
    );

    expect(descOf(page, 'chart-nki')).toBe(
      'Ungefärligt NKI 0–100 per område. Bygglov: 7 svar, 78 – Högt. Livsmedelsregistrering: ' +
        '3 svar. Färre än 7 svar: inget resultat visas. Insikt totalt (fyra områden): 10 ' +
        'svar, 71 – Högt.',
    );
    const nki = sectionOf(page, 'nki');
    expect(nki).toContain('Ett resultat visas bara med minst 7 svar');
    expect(nki).toContain(
      '<tr><th scope="row">Livsmedelsregistrering</th><td>NKI (ungefärligt)</td><td>3</td><td>–</td><td>–</td><td>0</td><td>–</td><td>–</td><td>Färre ' +
        'än 7 svar: inget resultat visas.</td></tr>',
    );
    expect(nki).toContain(
      '<tr><th scope="row">Bygglov</th><td>NKI (ungefärligt)</td><td>7</td><td>78</td><td>Högt</td>',
    );

    expect(descOf(page, 'chart-visits')).toContain(
      'Årsmål 100 besök. Till och med november 2026: 2 genomförda mot 92 enligt målet hittills, 2 % av årsmålet.',
    );
    expect(sectionOf(page, 'visits')).toContain(
      '<tr><th scope="row">2026-02</th><td>1</td><td>2</td><td>17</td><td>2</td></tr>',
    );
  });

  it('links each report to its CSV file, which is the API file byte for byte', async () => {
    const page = (await browser.get(`/rapporter${PERIOD}&category=bygglov`)).text;
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const links = [...page.matchAll(/<a class="button secondary" href="(\/rapporter\/[^"]+)">Ladda ner CSV/g)].map(
      (m) => m[1]!.replace(/&amp;/g, '&'),
    );
    expect(links).toEqual([
      '/rapporter/guarantees.csv?from=2026-01&to=2026-03&category=bygglov',
      '/rapporter/lead-times.csv?from=2026-01&to=2026-03&category=bygglov',
      '/rapporter/complaints.csv?from=2026-01&to=2026-03',
      '/rapporter/nki.csv?from=2026-01&to=2026-03&category=bygglov',
      '/rapporter/visits.csv?year=2026',
    ]);
    for (const link of links) {
      const staff = await fetch(`${app.url}${link}`, { headers: { cookie } });
      const apiPath = link.replace(/^\/rapporter\/([a-z-]+)\.csv\?/, '/api/reports/$1?');
      const fromApi = await fetch(`${app.url}${apiPath}&format=csv`, {
        headers: { authorization: `Bearer ${api.token}` },
      });
      expect(staff.status, link).toBe(200);
      expect(staff.headers.get('content-type')).toBe(fromApi.headers.get('content-type'));
      expect(staff.headers.get('content-disposition')).toBe(fromApi.headers.get('content-disposition'));
      const a = await bytes(staff);
      expect(a.equals(await bytes(fromApi)), link).toBe(true);
      expect(a.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
  });

  it('puts the schema’s Swedish errors next to the fields and draws nothing', async () => {
    const res = await browser.get('/rapporter?from=2026-13&to=2025-01&unit=ekonomi');
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<p class="field-error" id="from-error">Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.</p>',
    );
    expect(res.text).toContain('aria-describedby="from-hint from-error" aria-invalid="true"');
    expect(res.text).toContain('id="unit-error"');
    expect(res.text).toContain(
      '<a href="#from">Från och med månad: Ange månaden som ÅÅÅÅ-MM, till exempel 2026-01.</a>',
    );
    expect(res.text).not.toContain('<svg');
    const backwards = await browser.get('/rapporter?from=2026-04&to=2026-03');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain(
      '<p class="field-error" id="to-error">Slutmånaden får inte ligga före startmånaden.</p>',
    );
    const bad = await browser.get('/rapporter/guarantees.csv?from=2026-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Filen kunde inte skapas. to: Obligatoriskt: Ange månaden som ÅÅÅÅ-MM');
    expect((await browser.get('/rapporter/okand.csv?from=2026-01&to=2026-02')).status).toBe(404);
  });

  it('refuses an officer the page and the files with a 403 page, and sends a visitor to the login', async () => {
    const b = new StaffBrowser(app);
    await b.login(officer.email, officer.password);
    for (const path of ['/rapporter', `/rapporter/guarantees.csv?from=2026-01&to=2026-03`]) {
      const res = await b.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('<h1>Ingen behörighet</h1>');
      expect(res.text).not.toContain('Hållna');
    }
    const anonymous = await new StaffBrowser(app).get('/rapporter/nki.csv?from=2026-01&to=2026-03');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/login?next=%2Frapporter%2Fnki.csv%3Ffrom%3D2026-01%26to%3D2026-03');
  });

  it('serves its stylesheet, since the policy allows no inline styles', async () => {
    const page = await browser.get(`/rapporter${PERIOD}`);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page.text).not.toMatch(/\sstyle=/);
    expect(page.text).toContain('<link rel="stylesheet" href="/assets/staff-reports.css">');
    const css = await fetch(`${app.url}/assets/staff-reports.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('svg.chart');
  });
});
