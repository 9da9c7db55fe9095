/**
 * The emulator's control API, behind the inspector's "what if" buttons. Real Workfront has no
 * such thing: the buttons only appear when the config says the Workfront URL is the emulator.
 */
export function emulatorControls(workfrontUrl: string) {
  async function post(path: string, body?: unknown) {
    const response = await fetch(`${workfrontUrl}/__emulator${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`The emulator answered HTTP ${response.status}`);
  }
  return {
    expireAccessToken: () => post('/sessions/expire', { tokens: 'access' }),
    expireRefreshToken: (limit: 'absolute' | 'inactivity') =>
      post('/sessions/expire', { tokens: 'refresh', limit }),
    revokeSession: () => post('/sessions/revoke'),
    failNextRefresh: () => post('/faults', { target: 'token', count: 1, status: 503 }),
    dropState: () => post('/settings', { echoState: false }),
    setTokenType: (tokenType: 'Bearer' | 'sessionID') => post('/settings', { tokenType }),
  };
}
