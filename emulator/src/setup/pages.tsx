/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout } from '../html/layout.tsx';
import { appTypeLabels, appTypes, type AppType, type FieldErrors } from '../oauth/app-fields.ts';
import { maxApps, type OAuthApp } from '../oauth/apps.ts';
import { publicKeyFingerprint } from '../oauth/public-keys.ts';
import type { WorkfrontUser } from '../workfront/records.ts';
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
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  rows?: number;
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
      {props.rows === undefined ? (
        <input id={name} name={name} value={props.value} {...described} />
      ) : (
        <textarea id={name} name={name} rows={props.rows} {...described}>
          {props.value}
        </textarea>
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
  /** The private key of a key pair that was just generated: shown this once, never kept. */
  newPrivateKey?: string;
  /** What was typed in "Add public key", shown again with its error. */
  publicKeyInput?: string;
  /** A user whose ID a JWT's `sub` can name: the administrator on this page. */
  user?: WorkfrontUser;
}

/** The labels differ between the two types in create-oauth-application.md. */
const refreshTokenLabels = {
  spa: {
    rotate: 'Rotate refresh token every time it is used',
    absolute: 'Absolute expiration',
    inactivity: 'Inactivity expiration',
  },
  web: {
    rotate: 'Refresh token rotation',
    absolute: 'Absolute refresh token expiration',
    inactivity: 'Inactivity refresh token expiration',
  },
};

/** Single-page and web applications, field by field as create-oauth-application.md lists them. */
function SignInAppFields(props: {
  type: 'spa' | 'web';
  values: AppFormValues;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  const labels = refreshTokenLabels[props.type];
  return (
    <>
      <TextField
        name="redirectUrls"
        label="Redirect URLs"
        hint="One absolute URL per line."
        value={values.redirectUrls}
        errors={errors}
        rows={3}
      />
      <label>
        <input type="checkbox" name="rotateRefreshToken" checked={values.rotateRefreshToken} />{' '}
        {labels.rotate}
      </label>
      <TextField
        name="absoluteExpirationSeconds"
        label={labels.absolute}
        hint="In seconds; empty for No expiration. Counted from the sign-in."
        value={values.absoluteExpirationSeconds}
        errors={errors}
      />
      <TextField
        name="inactivityExpirationSeconds"
        label={labels.inactivity}
        hint="In seconds; 15552000 is 6 months. Counted from the last use of the refresh token."
        value={values.inactivityExpirationSeconds}
        errors={errors}
      />
      <TextField
        name="logoUrl"
        label="Logo"
        hint="The URL of an image."
        value={values.logoUrl}
        errors={errors}
      />
      <TextField name="name" label="Name" value={values.name} errors={errors} />
      <TextField
        name="description"
        label="Description"
        value={values.description}
        errors={errors}
        rows={3}
      />
      <TextField
        name="applicationDescriptionUrl"
        label="Application description URL"
        hint='An "About us" page, or a page with more about the integration.'
        value={values.applicationDescriptionUrl}
        errors={errors}
      />
      <TextField
        name="developerName"
        label="Developer name"
        value={values.developerName}
        errors={errors}
      />
      <TextField
        name="developerEmail"
        label="Developer email address"
        value={values.developerEmail}
        errors={errors}
      />
      <TextField
        name="privacyPolicyUrl"
        label="Privacy policy URL"
        value={values.privacyPolicyUrl}
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

function PublicKeysSection(props: {
  app: OAuthApp;
  errors: FieldErrors;
  newPrivateKey?: string;
  publicKeyInput?: string;
  user?: WorkfrontUser;
}) {
  const { app, errors, user } = props;
  const keysPath = `${base}/${encodeURIComponent(app.clientId)}/public-keys`;
  const invalid = errors.publicKey !== undefined;
  return (
    <section>
      <h2>Public keys</h2>
      {props.newPrivateKey !== undefined && (
        <div class="secret" role="status">
          <p>
            Copy the private key now: it is shown only this once. The emulator keeps only the public
            key.
          </p>
          <pre id="private-key">{props.newPrivateKey}</pre>
        </div>
      )}
      {app.publicKeys.length === 0 ? (
        <p>This application has no public key.</p>
      ) : (
        <ul>
          {app.publicKeys.map((pem) => {
            const fingerprint = publicKeyFingerprint(pem);
            return (
              <li>
                <p>
                  SHA-256 fingerprint: <code class="public-key-fingerprint">{fingerprint}</code>
                </p>
                <pre class="public-key">{pem}</pre>
                <form method="post" action={`${keysPath}/${fingerprint}/delete`}>
                  <button type="submit">Delete public key</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      <form method="post" action={keysPath}>
        <label for="publicKey">Public key</label>
        <p class="note">
          PEM: -----BEGIN PUBLIC KEY-----, or a certificate such as the JWT guide's
          certificate_pub.crt.
        </p>
        <textarea
          id="publicKey"
          name="publicKey"
          rows={6}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? 'publicKey-error' : undefined}
        >
          {props.publicKeyInput ?? ''}
        </textarea>
        <FieldError name="publicKey" errors={errors} />
        <button type="submit">Add public key</button>
      </form>
      <form method="post" action={`${keysPath}/generate`}>
        <button type="submit">Generate a public/private keypair</button>
      </form>
      <p class="note">
        Sign each JWT with RS256: <code>iss</code> is the customer ID above, <code>sub</code> the ID
        of a user
        {user && (
          <>
            {' '}
            such as {user.name}, <code id="user-id">{user.ID}</code>
          </>
        )}
        , and <code>exp</code> a few minutes away. Exchange it at{' '}
        <code>POST /integrations/oauth2/api/v1/jwt/exchange</code>.
      </p>
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
      {app && (
        <>
          <p>
            Client ID: <code id="client-id">{app.clientId}</code>
          </p>
          <p>
            Customer ID: <code id="customer-id">{app.customerId}</code>
          </p>
        </>
      )}
      {errors.form !== undefined && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      {app && type !== 'spa' && <ClientSecretSection app={app} newSecret={props.newSecret} />}
      {app && type === 'm2m' && (
        <PublicKeysSection
          app={app}
          errors={errors}
          newPrivateKey={props.newPrivateKey}
          publicKeyInput={props.publicKeyInput}
          user={props.user}
        />
      )}
      <form method="post" action={action}>
        {!app && <input type="hidden" name="type" value={type} />}
        {type === 'm2m' ? (
          <>
            <TextField name="name" label="Name" value={values.name} errors={errors} />
            <TextField
              name="description"
              label="Description"
              value={values.description}
              errors={errors}
              rows={3}
            />
          </>
        ) : (
          <SignInAppFields type={type} values={values} errors={errors} />
        )}
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

export function CrossSitePage() {
  return (
    <Layout title="Request refused">
      <h1>Request refused</h1>
      <p class="error" role="alert">
        This form was sent from another site. The OAuth Applications page accepts its forms only
        from its own pages and from pages on http://localhost.
      </p>
      <p>
        <a href={base}>Back to OAuth Applications</a>
      </p>
    </Layout>
  );
}
