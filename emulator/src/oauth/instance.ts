/**
 * Who this Workfront instance is. `domain` and `lane` come back on the redirect after sign-in
 * (`<domain>.<lane>.workfront.com`); the customer ID is the `iss` of a machine-to-machine JWT,
 * shown in each app's details (oauth-app-jwt-flow.md). Fixed, so that scripts can name it.
 */
export const instance = {
  domain: 'emulator',
  lane: 'preview',
  customerId: '5e0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b',
} as const;
