/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { EmulatorEnv } from '../env.ts';
import { isLocalhostOrigin } from '../http/cors.ts';
import { refuseCrossSite } from '../http/cross-site.ts';
import { appTypes, newAppDefaults, type FieldErrors } from '../oauth/app-fields.ts';
import type { AppChange, AppRegistry, OAuthApp } from '../oauth/apps.ts';
import { normalizePem, publicKeyFingerprint, publicKeyProblem } from '../oauth/public-keys.ts';
import { randomUrlSafe } from '../random.ts';
import type { WorkfrontUser } from '../workfront/records.ts';
import {
  appInputOfForm,
  formValuesOfApp,
  formValuesOfBody,
  type AppFormValues,
} from './form-input.ts';
import { AppFormPage, AppListPage, CrossSitePage } from './pages.tsx';

const base = '/setup/oauth-apps';
/** How many shown-once tickets wait at most. */
const maxTickets = 20;

type SetupContext = Context<EmulatorEnv>;

/** A refusal of the public keys is shown under "Add public key". */
function errorsOf(change: AppChange & { ok: false }): FieldErrors {
  if (!change.fields) return { form: change.error };
  const { publicKeys, ...fields } = change.fields;
  return publicKeys === undefined ? fields : { ...fields, publicKey: publicKeys };
}

interface PageOptions {
  values?: AppFormValues;
  change?: AppChange;
  newSecret?: string;
  newPrivateKey?: string;
  publicKeyInput?: string;
  /** A refusal found before the registry was asked. */
  errors?: FieldErrors;
}

/** The administrator's pages under /setup/oauth-apps, on the same registry as the JSON API. */
export function createSetupRoutes(deps: {
  apps: AppRegistry;
  users: () => readonly WorkfrontUser[];
}): Hono<EmulatorEnv> {
  const { apps } = deps;
  const routes = new Hono<EmulatorEnv>();

  const notFound = (c: SetupContext) => c.html(<AppListPage apps={apps.list()} />, 404);

  function appPage(c: SetupContext, app: OAuthApp, options: PageOptions = {}) {
    const { change } = options;
    const failed = change !== undefined && !change.ok;
    const errors = failed ? errorsOf(change) : (options.errors ?? {});
    return c.html(
      <AppFormPage
        type={app.type}
        values={options.values ?? formValuesOfApp(app)}
        errors={errors}
        app={app}
        newSecret={options.newSecret}
        newPrivateKey={options.newPrivateKey}
        publicKeyInput={options.publicKeyInput}
        user={deps.users()[0]}
      />,
      failed ? change.status : options.errors ? 400 : 200,
    );
  }

  /**
   * What a change made that is shown once (a client secret, a private key) waits for one GET of
   * the app's page, behind a ticket in the address the POST redirects to: a reload of that page
   * shows it no more, and never sends the form again (a second app, a second key).
   */
  const shownOnce = new Map<
    string,
    { clientId: string; newSecret?: string; newPrivateKey?: string }
  >();
  function showSaved(
    c: SetupContext,
    app: OAuthApp,
    shown: { newSecret?: string; newPrivateKey?: string },
  ) {
    const ticket = randomUrlSafe(16);
    shownOnce.set(ticket, { clientId: app.clientId, ...shown });
    // Tickets nobody came for (a lost redirect) do not pile up.
    for (const old of [...shownOnce.keys()].slice(0, -maxTickets)) shownOnce.delete(old);
    return c.redirect(`${base}/${encodeURIComponent(app.clientId)}?shown=${ticket}`, 303);
  }

  /** After a change to an existing app: the saved app, or the page again with the refusal. */
  function answerChange(
    c: SetupContext,
    clientId: string,
    change: AppChange,
    options: PageOptions = {},
  ) {
    if (change.ok) {
      return showSaved(c, change.app, {
        ...(change.clientSecret === undefined ? {} : { newSecret: change.clientSecret }),
        ...(options.newPrivateKey === undefined ? {} : { newPrivateKey: options.newPrivateKey }),
      });
    }
    const app = apps.get(clientId);
    return app ? appPage(c, app, { ...options, change }) : notFound(c);
  }

  // Some pages show a new client secret or private key: no page is kept in a cache or history.
  routes.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  // Another site's page must not change the apps through the user's browser.
  routes.post(
    '*',
    refuseCrossSite((c) => c.html(<CrossSitePage />, 403), isLocalhostOrigin),
  );

  routes.get('/', (c) => c.html(<AppListPage apps={apps.list()} />));

  routes.get('/new', (c) => {
    const type = appTypes.find((candidate) => candidate === c.req.query('type')) ?? 'spa';
    const values = formValuesOfApp({ ...newAppDefaults, type, name: '' });
    return c.html(<AppFormPage type={type} values={values} errors={{}} />);
  });

  routes.post('/', async (c) => {
    const body = await c.req.parseBody();
    const type = appTypes.find((candidate) => candidate === body.type);
    if (type === undefined) return c.redirect(`${base}/new`, 303);
    const values = formValuesOfBody(body);
    const change = apps.create({ type, ...appInputOfForm(values, type) });
    if (change.ok) {
      return showSaved(c, change.app, {
        ...(change.clientSecret === undefined ? {} : { newSecret: change.clientSecret }),
      });
    }
    const page = <AppFormPage type={type} values={values} errors={errorsOf(change)} />;
    return c.html(page, change.status);
  });

  routes.get('/:clientId', (c) => {
    const app = apps.get(c.req.param('clientId'));
    if (!app) return notFound(c);
    const ticket = c.req.query('shown') ?? '';
    const shown = shownOnce.get(ticket);
    shownOnce.delete(ticket);
    return appPage(c, app, shown?.clientId === app.clientId ? shown : {});
  });

  routes.post('/:clientId', async (c) => {
    const clientId = c.req.param('clientId');
    const app = apps.get(clientId);
    if (!app) return notFound(c);
    const values = formValuesOfBody(await c.req.parseBody());
    const change = apps.update(clientId, appInputOfForm(values, app.type));
    return answerChange(c, clientId, change, { values });
  });

  routes.post('/:clientId/delete', (c) => {
    apps.delete(c.req.param('clientId'));
    return c.redirect(base, 303);
  });

  routes.post('/:clientId/client-secret', (c) => {
    const clientId = c.req.param('clientId');
    return answerChange(c, clientId, apps.addClientSecret(clientId));
  });

  routes.post('/:clientId/client-secret/delete', (c) => {
    const clientId = c.req.param('clientId');
    return answerChange(c, clientId, apps.deleteClientSecret(clientId));
  });

  // "Add public key" and "Generate a public/private keypair" (oauth-app-jwt-flow.md).
  routes.post('/:clientId/public-keys', async (c) => {
    const clientId = c.req.param('clientId');
    const app = apps.get(clientId);
    if (!app) return notFound(c);
    const { publicKey } = await c.req.parseBody();
    const pem = normalizePem(typeof publicKey === 'string' ? publicKey : '');
    const problem = pem === '' ? 'Paste a public key' : publicKeyProblem(pem);
    if (problem !== undefined) {
      return appPage(c, app, { errors: { publicKey: problem }, publicKeyInput: pem });
    }
    const change = apps.update(clientId, { publicKeys: [...app.publicKeys, pem] });
    return answerChange(c, clientId, change, { publicKeyInput: pem });
  });

  routes.post('/:clientId/public-keys/generate', async (c) => {
    const clientId = c.req.param('clientId');
    const app = apps.get(clientId);
    if (!app) return notFound(c);
    const pair = await generateKeyPair('RS256', { extractable: true });
    const publicKey = await exportSPKI(pair.publicKey);
    const change = apps.update(clientId, { publicKeys: [...app.publicKeys, publicKey] });
    // The private key leaves in this one answer and is not kept.
    const newPrivateKey = change.ok ? await exportPKCS8(pair.privateKey) : undefined;
    return answerChange(c, clientId, change, { newPrivateKey });
  });

  routes.post('/:clientId/public-keys/:fingerprint/delete', (c) => {
    const clientId = c.req.param('clientId');
    const app = apps.get(clientId);
    if (!app) return notFound(c);
    const fingerprint = c.req.param('fingerprint');
    const publicKeys = app.publicKeys.filter((pem) => publicKeyFingerprint(pem) !== fingerprint);
    return answerChange(c, clientId, apps.update(clientId, { publicKeys }));
  });

  return routes;
}
