/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import type { EmulatorEnv } from '../http/env.ts';
import { appTypes, newAppDefaults, type FieldErrors } from '../oauth/app-fields.ts';
import type { AppChange, AppRegistry, OAuthApp } from '../oauth/apps.ts';
import {
  appInputOfForm,
  formValuesOfApp,
  formValuesOfBody,
  type AppFormValues,
} from './form-input.ts';
import { AppFormPage, AppListPage } from './pages.tsx';

const base = '/setup/oauth-apps';

type SetupContext = Context<EmulatorEnv>;

const errorsOf = (change: AppChange & { ok: false }): FieldErrors =>
  change.fields ?? { form: change.error };

/** The administrator's pages under /setup/oauth-apps, on the same registry as the JSON API. */
export function createSetupRoutes(apps: AppRegistry): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();

  const notFound = (c: SetupContext) => c.html(<AppListPage apps={apps.list()} />, 404);

  function appPage(
    c: SetupContext,
    app: OAuthApp,
    options: { values?: AppFormValues; change?: AppChange } = {},
  ) {
    const { change } = options;
    const failed = change !== undefined && !change.ok;
    return c.html(
      <AppFormPage
        type={app.type}
        values={options.values ?? formValuesOfApp(app)}
        errors={failed ? errorsOf(change) : {}}
        app={app}
        newSecret={change?.ok === true ? change.clientSecret : undefined}
      />,
      failed ? change.status : 200,
    );
  }

  /** After a change to an existing app: the saved app, or the page again with the refusal. */
  function answerChange(
    c: SetupContext,
    clientId: string,
    change: AppChange,
    values?: AppFormValues,
  ) {
    if (change.ok) return appPage(c, change.app, { change });
    const app = apps.get(clientId);
    return app ? appPage(c, app, { values, change }) : notFound(c);
  }

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
    if (change.ok) return appPage(c, change.app, { change });
    const page = <AppFormPage type={type} values={values} errors={errorsOf(change)} />;
    return c.html(page, change.status);
  });

  routes.get('/:clientId', (c) => {
    const app = apps.get(c.req.param('clientId'));
    return app ? appPage(c, app) : notFound(c);
  });

  routes.post('/:clientId', async (c) => {
    const clientId = c.req.param('clientId');
    const app = apps.get(clientId);
    if (!app) return notFound(c);
    const values = formValuesOfBody(await c.req.parseBody());
    return answerChange(
      c,
      clientId,
      apps.update(clientId, appInputOfForm(values, app.type)),
      values,
    );
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

  return routes;
}
