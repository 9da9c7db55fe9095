import { createHash, randomBytes } from 'node:crypto';

export const demoClientId = 'wf-demo-spa';
export const demoRedirectUri = 'http://localhost:5173/callback';
export const demoUser = { email: 'demo@example.com', password: 'demo' };

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A browser reduced to what sign-in needs: a cookie jar and redirects that are not followed. */
export interface TestBrowser {
  cookies: Map<string, string>;
  /** The Set-Cookie lines of every response, for checking the cookie's attributes. */
  setCookieLines: string[];
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export function createBrowser(baseUrl: string): TestBrowser {
  const cookies = new Map<string, string>();
  const setCookieLines: string[] = [];
  async function request(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(path, baseUrl), {
      ...init,
      redirect: 'manual',
      headers: cookie === '' ? {} : { cookie },
    });
    for (const line of response.headers.getSetCookie()) {
      setCookieLines.push(line);
      const [pair = ''] = line.split(';');
      const equals = pair.indexOf('=');
      cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    return response;
  }
  return {
    cookies,
    setCookieLines,
    get: (path) => request(path, {}),
    post: (path, form) => request(path, { method: 'POST', body: new URLSearchParams(form) }),
  };
}

const htmlEntities: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/** The action of the page's first POST form. */
export function formAction(html: string): string {
  const match = /<form method="post" action="([^"]*)"/.exec(html);
  if (!match?.[1]) throw new Error(`No form on the page: ${html.slice(0, 300)}`);
  return match[1].replace(/&(amp|quot|#39|lt|gt);/g, (entity) => htmlEntities[entity] ?? entity);
}

export interface AuthorizeParams {
  clientId?: string;
  redirectUri?: string;
  challenge?: string;
  scope?: string;
  state?: string;
  /** Extra or replacing query parameters, such as a wrong code_challenge_method. */
  query?: Record<string, string>;
}

export function authorizePath(params: AuthorizeParams = {}): string {
  const query = new URLSearchParams({
    client_id: params.clientId ?? demoClientId,
    response_type: 'code',
    redirect_uri: params.redirectUri ?? demoRedirectUri,
    ...(params.challenge === undefined
      ? {}
      : { code_challenge: params.challenge, code_challenge_method: 'S256' }),
    scope: params.scope ?? 'offline_access',
    ...(params.state === undefined ? {} : { state: params.state }),
    ...params.query,
  });
  return `/integrations/oauth2/authorize?${query.toString()}`;
}

/**
 * Goes through authorize as a user would: signs in and allows consent when asked, and returns
 * where the emulator finally sends the browser back to the app.
 */
export async function authorizeInBrowser(
  browser: TestBrowser,
  params: AuthorizeParams,
  user = demoUser,
): Promise<URL> {
  let response = await browser.get(authorizePath(params));
  for (let step = 0; step < 5; step += 1) {
    const location = response.headers.get('location');
    if (location !== null) {
      if (!location.startsWith('/integrations/oauth2/authorize')) return new URL(location);
      response = await browser.get(location);
    } else if (response.status !== 200) {
      throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
    } else {
      const html = await response.text();
      const form: Record<string, string> = html.includes('name="password"')
        ? { email: user.email, password: user.password }
        : { decision: 'allow' };
      response = await browser.post(formAction(html), form);
    }
  }
  throw new Error('authorize did not redirect back to the app');
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  wid: string;
}

export function postToken(
  baseUrl: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/integrations/oauth2/api/v1/token`, {
    method: 'POST',
    headers: { Accept: 'application/json', ...headers },
    body: new URLSearchParams(form),
  });
}

export function exchangeCode(
  baseUrl: string,
  code: string,
  verifier: string,
  overrides: Record<string, string> = {},
): Promise<Response> {
  return postToken(baseUrl, {
    grant_type: 'authorization_code',
    client_id: demoClientId,
    redirect_uri: demoRedirectUri,
    code,
    code_verifier: verifier,
    ...overrides,
  });
}

export function refreshTokens(
  baseUrl: string,
  refreshToken: string,
  clientId = demoClientId,
): Promise<Response> {
  return postToken(baseUrl, {
    grant_type: 'refresh_token',
    client_id: clientId,
    redirect_uri: demoRedirectUri,
    refresh_token: refreshToken,
  });
}

/** The whole PKCE flow for the demo app; returns the token response and the signed-in browser. */
export async function signIn(
  baseUrl: string,
  params: Omit<AuthorizeParams, 'challenge'> = {},
  browser = createBrowser(baseUrl),
): Promise<{ tokens: TokenBody; browser: TestBrowser }> {
  const pkce = createPkcePair();
  const redirect = await authorizeInBrowser(browser, { ...params, challenge: pkce.challenge });
  const code = redirect.searchParams.get('code');
  if (code === null) throw new Error(`No code in ${redirect.href}`);
  const response = await exchangeCode(baseUrl, code, pkce.verifier, {
    ...(params.clientId === undefined ? {} : { client_id: params.clientId }),
    ...(params.redirectUri === undefined ? {} : { redirect_uri: params.redirectUri }),
  });
  if (response.status !== 200)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return { tokens: (await response.json()) as TokenBody, browser };
}

/** A REST API GET with the token in the `sessionID` header, as Workfront documents. */
export function apiGet(baseUrl: string, path: string, token: string): Promise<Response> {
  return fetch(`${baseUrl}/attask/api/v22.0/${path}`, { headers: { sessionID: token } });
}
