/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout } from '../html/layout.tsx';
import type { OAuthApp } from './apps.ts';

export function AuthorizeErrorPage(props: { message: string }) {
  return (
    <Layout title="Authorization error">
      <h1>This sign-in request cannot be completed</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p class="note">
        The app that sent you here is not set up for this Workfront instance, so you were not sent
        back to it.
      </p>
    </Layout>
  );
}

/** A sign-in or consent form that another site's page sent. */
export function CrossSiteFormPage() {
  return (
    <Layout title="Request refused">
      <h1>Request refused</h1>
      <p class="error" role="alert">
        This form was sent from another site. Workfront takes its sign-in and consent forms only
        from its own pages: go back to the app and sign in from there.
      </p>
    </Layout>
  );
}

/** Where the instance's sign-out leaves the browser. */
export function SignedOutPage(props: { wasSignedIn: boolean }) {
  return (
    <Layout title="Signed out">
      <h1>You are signed out of Workfront</h1>
      <p role="status">
        {props.wasSignedIn
          ? 'Workfront no longer knows you in this browser: the next sign-in, from any app, asks for your email and password.'
          : 'No one was signed in to Workfront in this browser.'}
      </p>
      <p class="note">You can close this tab.</p>
    </Layout>
  );
}

export function SignInPage(props: {
  appName: string;
  action: string;
  email: string;
  error?: string;
}) {
  return (
    <Layout title="Sign in">
      <h1>Sign in to Workfront</h1>
      <p>to continue to {props.appName}</p>
      {props.error !== undefined && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action={props.action}>
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          value={props.email}
          required
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

export function ConsentPage(props: { app: OAuthApp; userName: string; action: string }) {
  const { app } = props;
  return (
    <Layout title="Allow access">
      {app.logoUrl !== '' && <img src={app.logoUrl} alt="" width="64" height="64" />}
      <h1>{app.name} wants to access your Workfront account</h1>
      <p>
        Signed in as <strong>{props.userName}</strong>. If you allow it, {app.name} can read and
        change your Workfront work on your behalf.
      </p>
      {app.description !== '' && <p>{app.description}</p>}
      {app.developerName !== '' && (
        <p class="note">
          Developer: {app.developerName}
          {app.developerEmail !== '' && <> ({app.developerEmail})</>}
        </p>
      )}
      {app.applicationDescriptionUrl !== '' && (
        <p class="note">
          <a href={app.applicationDescriptionUrl}>About {app.name}</a>
        </p>
      )}
      {app.privacyPolicyUrl !== '' && (
        <p class="note">
          <a href={app.privacyPolicyUrl}>Privacy policy</a>
        </p>
      )}
      <form method="post" action={props.action}>
        <button type="submit" name="decision" value="allow">
          Allow
        </button>
        <button type="submit" name="decision" value="deny">
          Deny
        </button>
      </form>
    </Layout>
  );
}
