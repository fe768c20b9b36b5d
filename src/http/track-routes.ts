import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { AppContext } from '../context.js';
import { COMPLEMENT_LIMITS } from '../domain/complement-files.js';
import { AppError, statusOf, type FieldError } from '../domain/errors.js';
import { answerComplement } from '../application/tracking/answer-complement.js';
import { fileComplaint } from '../application/tracking/file-complaint.js';
import { publicCaseView } from '../application/tracking/public-case-view.js';
import { resolveTracking } from '../application/tracking/resolve-tracking.js';
import { publicRateLimit } from './rate-limit.js';
import { sendProblem } from './problem.js';
import { complaintPage } from './pages/complaint-page.js';
import { messagePage } from './pages/message-page.js';
import { trackingPage } from './pages/tracking-page.js';
import { trackingCss } from './pages/tracking-css.js';
import { iconSvg } from '../views/icon.js';

// The company's pages (docs/tracking.md): no script, one served stylesheet, nothing cached,
// nothing indexed, no referrer that could carry the link elsewhere.
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const publicHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-robots-tag', 'noindex, nofollow');
  res.setHeader('content-security-policy', CSP);
  next();
};

const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';
const tokenOf = (req: Request) => String(req.params.token ?? '');
// An error handler sees no route parameters: the token is the first segment under /track.
const tokenInPath = (req: Request) => decodeURIComponent(req.path.split('/')[1] ?? '');
const depthOf = (req: Request): 0 | 1 => (req.path.split('/').filter(Boolean).length > 1 ? 1 : 0);

const notices: Record<string, string> = {
  komplettering: 'Tack! Vi har tagit emot din komplettering. Handläggaren får veta att den har kommit in.',
};

/**
 * Cross-site requests are refused before anything is read. Browsers say where a form was sent
 * from in Sec-Fetch-Site; Origin is "null" under our no-referrer policy, so it is checked only
 * when it names an origin. The form token (domain/tracking-token.ts) is checked in the use case.
 */
function sameSiteOnly(ctx: AppContext): RequestHandler {
  const allowed = new Set([new URL(ctx.config.PUBLIC_BASE_URL).origin]);
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host')}`;
    const crossSite =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== 'null' && origin !== own && !allowed.has(origin));
    if (crossSite) throw new AppError('forbidden', 'Formuläret måste skickas från sidan för ärendet.');
    next();
  };
}

// Files stay in memory (at most 5 × 10 MB) until the use case has judged every one of them;
// nothing reaches the disk or the database before that. A text field may be 1 MB, well above the
// message's limit, so an over-long message is refused by its schema and shown again, not lost.
const parseUpload = multer({
  storage: multer.memoryStorage(),
  limits: {
    files: COMPLEMENT_LIMITS.files,
    fileSize: COMPLEMENT_LIMITS.fileBytes,
    fields: 10,
    fieldSize: 1024 * 1024,
    parts: COMPLEMENT_LIMITS.files + 10,
  },
  // Browsers send file names as UTF-8 ("Ritning_Åby.pdf").
  defParamCharset: 'utf8',
}).array('files', COMPLEMENT_LIMITS.files);

/**
 * The form's body, parsed. Whatever the parser refuses is the sender's doing: a missing or broken
 * boundary, a part without headers, a body cut short. So every refusal is a 400 (413 for a file
 * too big) that names the field, never a 500.
 */
const upload: RequestHandler = (req, res, next) =>
  parseUpload(req, res, (err?: unknown) => next(err === undefined ? undefined : uploadError(err)));

function uploadError(err: unknown): AppError {
  if (!(err instanceof multer.MulterError)) return unreadableForm();
  const field = (path: string, message: string): FieldError[] => [{ path, message }];
  switch (err.code) {
    case 'LIMIT_FILE_SIZE': {
      // Multer names the file; its type declarations do not say so yet.
      const name = (err as { filename?: string }).filename;
      const message = name ? `Filen "${name}" är större än 10 MB.` : 'En fil är större än 10 MB.';
      return new AppError('payload_too_large', message, field('files', message));
    }
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return err.field && err.field !== 'files'
        ? new AppError(
            'invalid_input',
            'Formuläret innehåller ett okänt fält.',
            field(err.field, 'Formuläret innehåller ett okänt fält.'),
          )
        : new AppError(
            'invalid_input',
            `Du kan skicka högst ${COMPLEMENT_LIMITS.files} filer åt gången.`,
            field('files', `Du kan skicka högst ${COMPLEMENT_LIMITS.files} filer åt gången.`),
          );
    case 'LIMIT_FIELD_VALUE':
      return new AppError(
        'invalid_input',
        'Meddelandet är för långt.',
        field(err.field ?? 'message', 'Meddelandet är för långt.'),
      );
    default:
      return unreadableForm();
  }
}

const unreadableForm = () =>
  new AppError('invalid_input', 'Formuläret kunde inte läsas. Försök igen.', [
    { path: '(body)', message: 'Formuläret kunde inte läsas. Försök igen.' },
  ]);

const statusTitles: Partial<Record<AppError['code'], string>> = {
  not_found: 'Länken fungerar inte',
  rate_limited: 'För många försök',
  forbidden: 'Formuläret har gått ut',
};

/** Problems answered as the page's own kind: problem+json for JSON clients, a Swedish page for people. */
function trackErrors(ctx: AppContext): ErrorRequestHandler {
  return async (err, req, res, next) => {
    if (!(err instanceof AppError)) return next(err);
    // No `instance`: a wrong, a revoked and an unknown link must get the very same body.
    if (wantsJson(req)) return sendProblem(res, err.code, err.message, err.errors, err.extra);
    const status = statusOf(err.code);
    const formErrors = err.errors.length ? err.errors.map((e) => e.message) : [err.message];
    // A refused form comes back with its problems; anything else gets a page that says what happened.
    if (err.code !== 'not_found' && req.method === 'POST') {
      try {
        const token = tokenInPath(req);
        const tracked = await resolveTracking(ctx, token);
        const view = await publicCaseView(ctx, tracked);
        if (req.path.endsWith('/complaint') && view.forms.complaint) {
          res
            .status(status)
            .type('html')
            .send(
              complaintPage(view, {
                token,
                formToken: view.forms.complaint.formToken,
                values: req.body ?? {},
                errors: err.errors.length ? err.errors : [{ path: '(body)', message: err.message }],
              }),
            );
          return;
        }
        const typed = (req.body as Record<string, unknown> | undefined)?.message;
        res
          .status(status)
          .type('html')
          .send(
            trackingPage(view, {
              token,
              depth: 1,
              errors: formErrors,
              message: typeof typed === 'string' ? typed : '',
            }),
          );
        return;
      } catch {
        // The link itself no longer works: fall through to the plain page.
      }
    }
    const title = statusTitles[err.code] ?? 'Det gick inte';
    const hint =
      err.code === 'not_found'
        ? 'Har du fått en ny länk i ett senare mejl från oss? Använd den. Annars kan du kontakta kommunen och ange ditt ärendenummer.'
        : undefined;
    res
      .status(status)
      .type('html')
      .send(messagePage({ title, message: err.message, hint, depth: depthOf(req) }));
  };
}

/** GET and POST under /track: the page, its JSON, and the two forms. */
export function trackRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/assets/tracking.css', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type('text/css').send(trackingCss);
  });
  router.get('/assets/icon.svg', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('image/svg+xml').send(iconSvg);
  });
  router.use(publicHeaders);
  const windowMs = ctx.config.TRACKING_RATE_WINDOW_MS;
  router.use(publicRateLimit(ctx, { name: 'track', windowMs, limit: ctx.config.TRACKING_RATE_LIMIT }));
  const postLimit = publicRateLimit(ctx, { name: 'track-post', windowMs, limit: ctx.config.TRACKING_POST_RATE_LIMIT });
  const sameSite = sameSiteOnly(ctx);

  router.get('/:token', async (req, res) => {
    const tracked = await resolveTracking(ctx, tokenOf(req));
    const view = await publicCaseView(ctx, tracked);
    if (wantsJson(req)) return void res.json(view);
    const sent = typeof req.query.skickat === 'string' ? req.query.skickat : '';
    const here = `${ctx.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/track/${tokenOf(req)}`;
    const notice =
      sent === 'klagomal'
        ? `Tack! Vi har tagit emot ditt klagomål. Det har fått nummer ${view.reference}. Spara ` +
          `adressen till den här sidan, så kan du följa klagomålet här: ${here}`
        : sent === 'klagomal-redan'
          ? `Ditt klagomål var redan mottaget, så vi registrerade inget nytt. Det har nummer ${view.reference} och du följer det här: ${here}`
          : notices[sent];
    res.type('html').send(trackingPage(view, { token: tokenOf(req), depth: 0, notice }));
  });

  // Someone reloads the address a form was sent to: show the page again.
  router.get('/:token/complement', (req, res) => void res.redirect(303, `../${encodeURIComponent(tokenOf(req))}`));

  router.post('/:token/complement', postLimit, sameSite, upload, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f) => ({
      name: f.originalname,
      content: f.buffer,
    }));
    const { row, files: stored } = await answerComplement(ctx, tokenOf(req), {
      message: body.message,
      formToken: body.formToken,
      files,
    });
    if (!wantsJson(req)) return void res.redirect(303, `../${encodeURIComponent(tokenOf(req))}?skickat=komplettering`);
    const view = await publicCaseView(ctx, await resolveTracking(ctx, tokenOf(req)));
    res.status(201).json({
      received: {
        reference: row.reference,
        files: stored.map((f) => ({ name: f.name, type: f.mediaType, size: f.sizeBytes, sha256: f.sha256 })),
      },
      case: view,
    });
  });

  router.get('/:token/complaint', async (req, res) => {
    const view = await publicCaseView(ctx, await resolveTracking(ctx, tokenOf(req)));
    if (!view.forms.complaint)
      throw new AppError('not_found', 'Det går inte att lämna ett klagomål från den här sidan.');
    res.type('html').send(complaintPage(view, { token: tokenOf(req), formToken: view.forms.complaint.formToken }));
  });

  router.post(
    '/:token/complaint',
    postLimit,
    sameSite,
    express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 50 }),
    async (req, res) => {
      const { complaint, trackingUrl, alreadyFiled } = await fileComplaint(ctx, tokenOf(req), req.body);
      if (!wantsJson(req))
        return void res.redirect(
          303,
          `../${trackingUrl.slice(trackingUrl.lastIndexOf('/') + 1)}?skickat=${alreadyFiled ? 'klagomal-redan' : 'klagomal'}`,
        );
      res
        .status(alreadyFiled ? 200 : 201)
        .location(trackingUrl)
        .json({ reference: complaint.reference, trackingUrl, alreadyFiled });
    },
  );

  router.use(trackErrors(ctx));
  return router;
}

/** Request logs never hold a live link: the token is the only key to the page. */
export const hideTrackingToken = (url: string) => url.replace(/^\/track\/(?!assets\/)[^/?#]+/, '/track/[dold]');
