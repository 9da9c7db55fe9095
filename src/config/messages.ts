import { defineMessages } from '../i18n/catalog';

/** What a ConfigError means, and how to fix each field. Used by the app and `npm run setup`. */
export const messages = defineMessages('config/messages', {
  title: 'This app is not configured correctly',
  field: 'The field {field} {problem}.',
  where: 'The configuration lives in public/config.json. After fixing it, reload.',
  reload: 'Reload',
  'problem.missing': 'is missing',
  'problem.not-a-string': 'must be a non-empty string',
  'problem.not-a-url': 'is not an absolute URL: "{value}"',
  'problem.not-https': 'must use https (http only for localhost): "{value}"',
  'problem.has-credentials': 'must not contain a user name or password',
  'problem.foreign-origin':
    'points to another site, {value}, which would see the sign-in or the tokens',
  'problem.has-path': 'must be the instance origin, without a path: "{value}"',
  'problem.not-a-path': 'must be a path that starts with a single "/": "{value}"',
  'problem.unsupported-version': 'is not a supported Workfront API version: "{value}"',
  'problem.unknown-api-mode': 'must be "proxy" or "direct", not {value}',
  'problem.not-a-boolean': 'must be true or false, not {value}',
  'problem.not-an-object': 'must be a JSON object',
  'problem.not-downloaded': 'could not be downloaded',
  'problem.not-found': 'was not found (HTTP {value})',
  'problem.not-json': 'is not valid JSON',
  'fix.config.json':
    'Serve public/config.json with the app; "npm run setup" writes it (see the README).',
  'fix.workfrontUrl': 'Set it to your instance, e.g. "https://acme.my.workfront.com".',
  'fix.clientId': 'Copy the client ID from Setup > System > OAuth Applications in Workfront.',
  'fix.redirectPath':
    'Use a path such as "/callback", and register <app origin>/callback in the OAuth2 application.',
  'fix.scope': 'Use "offline_access".',
  'fix.apiVersion': 'Use a supported version from v16.0 to v22.0, e.g. "v20.0".',
  'fix.apiMode': 'Use "proxy" unless Workfront allows this origin to call its API directly.',
  'fix.emulator': 'Use true only for the local emulator.',
  'fix.inspector':
    "Use true to show the developer's flow inspector, false to hide it; leave it out for the default.",
  'fix.stateEcho':
    'Leave it out, or use false only for an instance that sends no state back to the redirect path.',
  'fix.authorizationEndpoint':
    "Remove it to use Workfront's default, or give an https URL on the Workfront instance, on this app's origin, or on https://oauth.my.workfront.com.",
  'fix.tokenEndpoint':
    "Remove it to use Workfront's default, or give an https URL on the Workfront instance or on this app's origin (a proxy).",
  'fix.revocationEndpoint':
    "Remove it to use Workfront's default, or give an https URL on the Workfront instance or on this app's origin (a proxy).",
  'fix.workfrontSignOutUrl':
    "Remove it, or give the https URL of the page that signs a user out of Workfront, e.g. your instance's or your identity provider's sign-out page.",
});
