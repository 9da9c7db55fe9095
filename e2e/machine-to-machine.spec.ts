import { generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { expect, test } from './fixtures';
import { emulatorUrl } from './support/emulator';

test('machine to machine: a key pair from the setup page signs a JWT that buys an API session', async ({
  page,
}) => {
  // An administrator creates the app and has Workfront generate its key pair.
  await page.goto(`${emulatorUrl}/setup/oauth-apps/new?type=m2m`);
  await page.getByLabel('Name').fill('Nightly report');
  await page.getByRole('button', { name: 'Create' }).click();
  const clientId = (await page.locator('#client-id').textContent()) ?? '';
  const customerId = (await page.locator('#customer-id').textContent()) ?? '';
  // The secret is shown on this page only.
  const clientSecret = (await page.locator('#client-secret').textContent()) ?? '';
  expect(clientSecret).not.toBe('');

  await page.getByRole('button', { name: 'Generate a public/private keypair' }).click();
  const privateKeyPem = (await page.locator('#private-key').textContent()) ?? '';
  expect(privateKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
  const userId = (await page.locator('#user-id').textContent()) ?? '';
  await expect(page.locator('pre.public-key')).toHaveCount(1);

  // The integration signs a short-lived JWT with the private key and exchanges it.
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(customerId)
    .setSubject(userId)
    .setExpirationTime('5m')
    .sign(await importPKCS8(privateKeyPem, 'RS256'));
  const exchange = await fetch(`${emulatorUrl}/integrations/oauth2/api/v1/jwt/exchange`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      jwt_token: jwt,
    }),
  });
  expect(exchange.status).toBe(200);
  const { access_token: accessToken } = (await exchange.json()) as { access_token: string };

  const me = await fetch(`${emulatorUrl}/attask/api/v20.0/user/search?ID=$$USER.ID`, {
    headers: { sessionID: accessToken },
  });
  const body = (await me.json()) as { data: { ID: string }[] };
  expect(body.data.map((user) => user.ID)).toEqual([userId]);

  // A JWT signed by another key is refused.
  const stranger = await generateKeyPair('RS256');
  const forged = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(customerId)
    .setSubject(userId)
    .setExpirationTime('5m')
    .sign(stranger.privateKey);
  const refused = await fetch(`${emulatorUrl}/integrations/oauth2/api/v1/jwt/exchange`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      jwt_token: forged,
    }),
  });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
});
