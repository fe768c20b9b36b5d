import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyJobIdOf } from '../../src/domain/survey-schedule.js';
import { runJobNow } from '../support/jobs.js';
import {
  closedCase,
  contactFor,
  goodAnswer,
  invited,
  startSurveyWorld,
  surveyOf,
  type SurveyWorld,
} from './survey-flow.js';

const factorNames = ['information', 'tillganglighet', 'bemotande', 'kompetens', 'rattssakerhet', 'effektivitet'];

describe('the survey page: an accessible form, validation in Swedish, one answer per link', () => {
  let w: SurveyWorld;
  beforeAll(async () => {
    w = await startSurveyWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  /** A fresh open survey on a serveringstillstånd case, with its link. */
  async function openSurvey() {
    w.app.clock.set('2026-11-23T09:00:00+01:00');
    const contact = contactFor('Nils');
    const c = await closedCase(
      w,
      { category: 'serveringstillstand', contact },
      '2026-11-24T16:00:00+01:00',
      'serveringstillstand',
    );
    const { survey, token } = await invited(w, c.id, contact.email);
    w.app.clock.set('2026-11-27T12:00:00+01:00');
    return { c, survey, token };
  }
  const answersOfArea = () => w.app.ctx.db('survey_answers').where({ area: 'serveringstillstand' });
  const form = (fields: Record<string, string>) => ({
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

  it('shows the questions in Swedish, in fieldsets with legends and labelled choices, under a strict policy', async () => {
    const { c, token } = await openSurvey();
    const res = await w.app.request('GET', `/survey/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = res.body as string;
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(c.reference);
    expect(html).toContain('Du kan svara till och med fredag 18 december 2026.');

    // Nothing external and no script: the policy allows only the page's own inline style.
    const styleText = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(styleText, 'utf8').digest('base64');
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(html).not.toMatch(/<script|<link|<img|src=|https?:\/\//);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const legends = [...html.matchAll(/<legend>([^<]+)<\/legend>/g)].map((m) => m[1]);
    expect(legends.slice(0, 3)).toEqual([
      'Hur nöjd är du sammantaget med kommunens service i ditt ärende?',
      'Hur väl motsvarade servicen dina förväntningar?',
      'Hur nära ett idealiskt serviceutförande kom kommunen?',
    ]);
    expect(legends.slice(3).map((l) => l!.split(':')[0])).toEqual([
      'Information',
      'Tillgänglighet',
      'Bemötande',
      'Kompetens',
      'Rättssäkerhet',
      'Effektivitet',
    ]);
    expect(html.match(/<fieldset /g)).toHaveLength(9);
    const radios = (name: string) =>
      [
        ...html.matchAll(new RegExp(`<input type="radio" id="${name}-([^"]+)" name="${name}" value="([^"]+)"`, 'g')),
      ].map((m) => m[2]);
    for (const name of ['nkiOverall', 'nkiExpectations', 'nkiIdeal'])
      expect(radios(name)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const name of factorNames) expect(radios(name)).toEqual(['1', '2', '3', '4', '5', '6', 'vet-ej']);
    // Every choice and the text box has its label.
    const ids = [...html.matchAll(/<(?:input|textarea) [^>]*id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(30 + 42 + 1);
    for (const id of ids) expect(html).toContain(`<label for="${id}">`);
  });

  it('re-renders the form with Swedish messages and the choices kept, and writes nothing', async () => {
    const { survey, token } = await openSurvey();
    const res = await w.app.request(
      'POST',
      `/survey/${token}`,
      form({ nkiExpectations: '7', nkiIdeal: '12', bemotande: '9', kompetens: 'vet-ej', comment: 'Bra' }),
    );
    expect(res.status).toBe(400);
    const html = res.body as string;
    expect(html).toContain('<title>Fel: Vad tyckte du om vår service? – Kommunen</title>');
    expect(html).toContain('<div class="summary" role="alert"');
    expect(html).toContain(
      '<a href="#nkiOverall">Hur nöjd är du sammantaget med kommunens service i ditt ärende? Välj ett svar från 1 till 10.</a>',
    );
    expect(html).toContain('<p class="error" id="nkiIdeal-error">Fel: Välj ett svar från 1 till 10.</p>');
    expect(html).toContain(
      '<p class="error" id="bemotande-error">Fel: Välj ett svar från 1 till 6, eller &quot;Vet ej&quot;.</p>',
    );
    expect(html).toContain(
      '<fieldset id="bemotande" aria-describedby="bemotande-hint bemotande-error" class="invalid">',
    );
    expect(html).toMatch(/id="nkiExpectations-7" name="nkiExpectations" value="7" checked/);
    expect(html).toMatch(/id="kompetens-vet-ej" name="kompetens" value="vet-ej" checked/);
    expect(html).toContain('>Bra</textarea>');
    expect(await answersOfArea()).toEqual([]);
    expect(await surveyOf(w.app, survey.case_id)).toMatchObject({ status: 'open' });
  });

  it('answers 400 naming each field to JSON out of range, and writes nothing', async () => {
    const { survey, token } = await openSurvey();
    const res = await w.app.request('POST', `/survey/${token}`, {
      body: { ...goodAnswer, nkiOverall: 11, nkiIdeal: 0, bemotande: 7, kompetens: '5', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: 'nkiOverall', message: 'Välj ett svar från 1 till 10.' },
      { path: 'nkiIdeal', message: 'Välj ett svar från 1 till 10.' },
      { path: 'bemotande', message: 'Välj ett svar från 1 till 6, eller "Vet ej".' },
      { path: 'kompetens', message: 'Välj ett svar från 1 till 6, eller "Vet ej".' },
      { path: 'extra', message: 'Okänt fält.' },
    ]);
    const missing = await w.app.request('POST', `/survey/${token}`, { body: { nkiOverall: 5 } });
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['nkiExpectations', 'nkiIdeal']);
    expect(await answersOfArea()).toEqual([]);
    expect(await surveyOf(w.app, survey.case_id)).toMatchObject({ status: 'open' });
    // The link still works for a valid answer afterwards.
    expect((await w.app.request('POST', `/survey/${token}`, { body: goodAnswer })).status).toBe(200);
  });

  it('takes the form: "vet ej" and an empty comment are stored as nothing, then thanks', async () => {
    await w.app.ctx.db('survey_answers').where({ area: 'serveringstillstand' }).delete();
    const { token } = await openSurvey();
    const fields = {
      nkiOverall: '9',
      nkiExpectations: '8',
      nkiIdeal: '10',
      information: '6',
      tillganglighet: 'vet-ej',
      bemotande: '5',
      comment: '',
    };
    const res = await w.app.request('POST', `/survey/${token}`, form(fields));
    expect(res.status).toBe(200);
    expect(res.body).toContain('<h1>Tack för dina svar!</h1>');
    expect(await answersOfArea()).toEqual([
      expect.objectContaining({
        nki_overall: 9,
        nki_expectations: 8,
        nki_ideal: 10,
        f_information: 6,
        f_tillganglighet: null,
        f_bemotande: 5,
        f_kompetens: null,
        f_effektivitet: null,
        comment: null,
        closed_month: '2026-11',
      }),
    ]);
    const again = await w.app.request('POST', `/survey/${token}`, form(fields));
    expect(again.status).toBe(404);
    expect(again.body).toContain('<h1>Enkäten finns inte</h1>');
    expect(again.body).toBe((await w.app.request('GET', `/survey/${'x'.repeat(43)}`)).body);
    // The path is logged without the token.
    expect(w.app.logLines.some((l) => l.includes('/survey/[dold]'))).toBe(true);
    expect(w.app.logLines.filter((l) => l.includes(token))).toEqual([]);
  });

  it('lets the company decline: no answer, no more reminders, the link is spent', async () => {
    await w.app.ctx.db('survey_answers').where({ area: 'serveringstillstand' }).delete();
    const { survey, token } = await openSurvey();
    const res = await w.app.request('POST', `/survey/${token}/decline`, form({}));
    expect(res.status).toBe(200);
    expect(res.body).toContain('Du får inga fler påminnelser');
    expect(await surveyOf(w.app, survey.case_id)).toMatchObject({ status: 'declined' });
    expect(await answersOfArea()).toEqual([]);
    expect((await w.app.request('GET', `/survey/${token}`)).status).toBe(404);
    expect((await w.app.request('POST', `/survey/${token}/decline`, { body: {} })).status).toBe(404);
    w.app.clock.set('2026-12-01T09:00:00+01:00'); // five days after the invitation of torsdag 26 november
    expect(await runJobNow(w.app, surveyJobIdOf(survey.id, Number(survey.version), 'remind-1'))).toEqual({
      result: 'stale',
    });
  });

  it('documents the answer in the OpenAPI document', async () => {
    const { body } = await w.app.request('GET', '/api/openapi.json');
    const post = body.paths['/survey/{token}'].post;
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SurveyAnswer' });
    expect(body.components.schemas.SurveyAnswer.required).toEqual(['nkiOverall', 'nkiExpectations', 'nkiIdeal']);
    expect(Object.keys(post.responses)).toEqual(['200', '400', '404', '429']);
  });
});

describe('the survey page under load from one address', () => {
  it('answers 429 as problem+json once the limit is used up', async () => {
    const w = await startSurveyWorld({ env: { SURVEY_RATE_LIMIT: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await w.app.request('GET', `/survey/${'y'.repeat(43)}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const limited = await w.app.request('POST', `/survey/${'y'.repeat(43)}`, { body: goodAnswer });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await w.close();
    }
  });
});
