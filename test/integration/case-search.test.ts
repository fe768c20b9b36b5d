import { beforeAll, describe, expect, it } from 'vitest';
import { companyCaseBody, register } from '../support/fixtures.js';
import { useTestApp } from '../support/use-test-app.js';

// The case list's search: a whole organisation number or reference goes through its unique
// key, in any of the forms people type; other text is searched in reference, subject and
// company name.

describe('searching the case list', () => {
  const refs: Record<string, string> = {};

  const {
    app,
    users: { desk },
  } = useTestApp({ users: { desk: 'registrar' } });
  beforeAll(async () => {
    refs.saab1 = (await register(app, desk, companyCaseBody({ subject: 'Bygglov för ny lagerhall' }))).reference;
    refs.saab2 = (
      await register(app, desk, companyCaseBody({ category: 'livsmedel', subject: 'Registrering av personalmatsal' }))
    ).reference;
    refs.volvo = (
      await register(
        app,
        desk,
        companyCaseBody({ subject: 'Bygglov för verkstad', company: { orgNumber: '556012-5790', name: 'Volvo AB' } }),
      )
    ).reference;
  });

  const search = async (q: string) => {
    const res = await app.request('GET', `/api/cases?q=${encodeURIComponent(q)}`, { token: desk.token });
    expect(res.status).toBe(200);
    return (res.body.items as { reference: string }[]).map((c) => c.reference).sort();
  };

  it('finds a company’s cases by its organisation number in any common form', async () => {
    const saab = [refs.saab1!, refs.saab2!].sort();
    expect(await search('5560360793')).toEqual(saab);
    expect(await search('556036-0793')).toEqual(saab);
    expect(await search('16556036-0793')).toEqual(saab);
    expect(await search(' 556012-5790 ')).toEqual([refs.volvo]);
  });

  it('finds one case by its whole reference, whatever the case of the letters', async () => {
    expect(await search(refs.volvo!.toLowerCase())).toEqual([refs.volvo]);
  });

  it('searches other text in reference, subject and company name', async () => {
    expect(await search('lagerhall')).toEqual([refs.saab1]);
    expect(await search('volvo')).toEqual([refs.volvo]);
    expect(await search('bygglov för')).toEqual([refs.saab1!, refs.volvo!].sort());
    expect(await search('finns inte')).toEqual([]);
  });
});
