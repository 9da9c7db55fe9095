/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout } from '../html/layout.tsx';
import { appTypeLabels, appTypes, type AppType, type FieldErrors } from '../oauth/app-fields.ts';
import { maxApps, type OAuthApp } from '../oauth/apps.ts';
import type { AppFormValues } from './form-input.ts';

const base = '/setup/oauth-apps';

export function AppListPage(props: { apps: OAuthApp[] }) {
  const full = props.apps.length >= maxApps;
  return (
    <Layout title="OAuth Applications">
      <h1>OAuth Applications</h1>
      <p class="note">
        Setup &gt; System &gt; OAuth Applications. An instance has at most {maxApps} applications.
      </p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Client ID</th>
          </tr>
        </thead>
        <tbody>
          {props.apps.map((app) => (
            <tr>
              <td>
                <a href={`${base}/${encodeURIComponent(app.clientId)}`}>{app.name}</a>
              </td>
              <td>{appTypeLabels[app.type]}</td>
              <td>
                <code>{app.clientId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Create app integration</h2>
      {full ? (
        <p class="error">This instance has {maxApps} applications: delete one to create another.</p>
      ) : (
        <form method="get" action={`${base}/new`}>
          <label for="type">Type</label>
          <select id="type" name="type">
            {appTypes.map((type) => (
              <option value={type}>{appTypeLabels[type]}</option>
            ))}
          </select>
          <button type="submit">Create</button>
        </form>
      )}
    </Layout>
  );
}

function FieldError(props: { name: string; errors: FieldErrors }) {
  const message = props.errors[props.name];
  return message === undefined ? null : (
    <p class="error" id={`${props.name}-error`}>
      {message}
    </p>
  );
}

function TextField(props: {
  name: keyof AppFormValues;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  multiline?: boolean;
}) {
  const { name, errors } = props;
  const invalid = errors[name] !== undefined;
  const described = {
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? `${name}-error` : undefined,
  };
  return (
    <>
      <label for={name}>{props.label}</label>
      {props.hint !== undefined && <p class="note">{props.hint}</p>}
      {props.multiline === true ? (
        <textarea id={name} name={name} rows={3} {...described}>
          {props.value}
        </textarea>
      ) : (
        <input id={name} name={name} value={props.value} {...described} />
      )}
      <FieldError name={name} errors={errors} />
    </>
  );
}

export interface AppFormProps {
  type: AppType;
  values: AppFormValues;
  errors: FieldErrors;
  /** Absent while creating. */
  app?: OAuthApp;
  /** A client secret that was just generated: shown this once. */
  newSecret?: string;
}

function RefreshTokenFields(props: { values: AppFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <TextField
        name="redirectUrls"
        label="Redirect URLs"
        hint="One absolute URL per line."
        value={values.redirectUrls}
        errors={errors}
        multiline
      />
      <label>
        <input type="checkbox" name="rotateRefreshToken" checked={values.rotateRefreshToken} />{' '}
        Rotate refresh token every time it is used
      </label>
      <TextField
        name="absoluteExpirationSeconds"
        label="Absolute refresh token expiration (seconds)"
        hint="Empty for No expiration. Counted from the sign-in."
        value={values.absoluteExpirationSeconds}
        errors={errors}
      />
      <TextField
        name="inactivityExpirationSeconds"
        label="Inactivity refresh token expiration (seconds)"
        hint="15552000 is 6 months. Counted from the last use of the refresh token."
        value={values.inactivityExpirationSeconds}
        errors={errors}
      />
    </>
  );
}

function ClientSecretSection(props: { app: OAuthApp; newSecret?: string }) {
  const secretPath = `${base}/${encodeURIComponent(props.app.clientId)}/client-secret`;
  return (
    <section>
      <h2>Client secret</h2>
      {props.newSecret !== undefined && (
        <div class="secret" role="status">
          <p>Copy the client secret now: it is shown only this once.</p>
          <code id="client-secret">{props.newSecret}</code>
        </div>
      )}
      {props.app.hasClientSecret ? (
        <form method="post" action={`${secretPath}/delete`}>
          {props.newSecret === undefined && (
            <p>A client secret is set. It cannot be shown again.</p>
          )}
          <button type="submit">Delete client secret</button>
        </form>
      ) : (
        <form method="post" action={secretPath}>
          <p>This application has no client secret.</p>
          <button type="submit">Add client secret</button>
        </form>
      )}
    </section>
  );
}

export function AppFormPage(props: AppFormProps) {
  const { type, values, errors, app } = props;
  const action = app ? `${base}/${encodeURIComponent(app.clientId)}` : base;
  const title = app ? app.name : `New ${appTypeLabels[type]}`;
  return (
    <Layout title={title}>
      <p>
        <a href={base}>All OAuth applications</a>
      </p>
      <h1>{title}</h1>
      <p class="note">{appTypeLabels[type]}</p>
      {type === 'm2m' && (
        <p class="note">
          The emulator registers machine-to-machine applications but does not implement their JWT
          token exchange.
        </p>
      )}
      {app && (
        <p>
          Client ID: <code id="client-id">{app.clientId}</code>
        </p>
      )}
      {errors.form !== undefined && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      {app && type !== 'spa' && <ClientSecretSection app={app} newSecret={props.newSecret} />}
      <form method="post" action={action}>
        {!app && <input type="hidden" name="type" value={type} />}
        <TextField name="name" label="Name" value={values.name} errors={errors} />
        <TextField
          name="description"
          label="Description"
          value={values.description}
          errors={errors}
          multiline
        />
        <TextField name="logoUrl" label="Logo URL" value={values.logoUrl} errors={errors} />
        {type === 'm2m' ? (
          <TextField
            name="publicKey"
            label="Public key"
            hint="PEM, -----BEGIN PUBLIC KEY-----."
            value={values.publicKey}
            errors={errors}
            multiline
          />
        ) : (
          <RefreshTokenFields values={values} errors={errors} />
        )}
        <TextField
          name="developerName"
          label="Developer name"
          value={values.developerName}
          errors={errors}
        />
        <TextField
          name="developerEmail"
          label="Developer email"
          value={values.developerEmail}
          errors={errors}
        />
        <TextField
          name="privacyPolicyUrl"
          label="Privacy policy URL"
          value={values.privacyPolicyUrl}
          errors={errors}
        />
        <button type="submit">{app ? 'Save' : 'Create'}</button>
      </form>
      {app && (
        <form method="post" action={`${action}/delete`}>
          <button type="submit">Delete application</button>
        </form>
      )}
    </Layout>
  );
}
