/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout } from './layout.tsx';

/**
 * What a developer sees on opening the emulator in a browser. The demo app's client ID is passed
 * in, so that this folder, whose layout the OAuth pages use, imports nothing from src/oauth.
 */
export function homePage(demoClientId: string) {
  return (
    <Layout title="Home">
      <h1>Workfront emulator</h1>
      <p>A local stand-in for a Workfront instance, for development and tests.</p>
      <ul>
        <li>
          <a href="/setup/oauth-apps">OAuth Applications</a> (the demo app's client ID is{' '}
          <code>{demoClientId}</code>)
        </li>
        <li>
          Authorize: <code>/integrations/oauth2/authorize</code>; token:{' '}
          <code>/integrations/oauth2/api/v1/token</code>; revoke:{' '}
          <code>/integrations/oauth2/api/v1/revoke</code>; machine to machine:{' '}
          <code>/integrations/oauth2/api/v1/jwt/exchange</code>
        </li>
        <li>
          <a href="/logout">Sign out of Workfront</a> in this browser: the next sign-in asks for the
          password again
        </li>
        <li>
          REST API: <code>/attask/api/v22.0/</code>; control API: <code>/__emulator/</code>
        </li>
        <li>
          Demo user: <code>demo@example.com</code> / <code>demo</code>
        </li>
      </ul>
    </Layout>
  );
}
