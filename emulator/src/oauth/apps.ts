import { createHash, timingSafeEqual } from 'node:crypto';
import { randomHex, randomUrlSafe } from '../random.ts';
import {
  validateAppFields,
  type AppFieldRules,
  type AppFields,
  type FieldErrors,
} from './app-fields.ts';
import { instance } from './instance.ts';

export interface OAuthApp extends AppFields {
  clientId: string;
  /** The instance's customer ID, shown in the app's details: a JWT's `iss`. */
  customerId: string;
  hasClientSecret: boolean;
}

export const maxApps = 10;

export type AppRefusal = {
  ok: false;
  status: 400 | 404 | 409;
  error: string;
  fields?: FieldErrors;
};

export type AppChange = { ok: true; app: OAuthApp; clientSecret?: string } | AppRefusal;

interface StoredApp {
  clientId: string;
  fields: AppFields;
  /** SHA-256 of the secret: the secret itself is shown once and never kept. */
  clientSecretHash: Buffer | null;
}

export interface AppRegistry {
  list(): OAuthApp[];
  get(clientId: string): OAuthApp | undefined;
  create(input: unknown): AppChange;
  update(clientId: string, input: unknown): AppChange;
  delete(clientId: string): boolean;
  addClientSecret(clientId: string): AppChange;
  deleteClientSecret(clientId: string): AppChange;
  verifyClientSecret(clientId: string, secret: string): boolean;
  /** Origins of every registered redirect URL: the only origins CORS lets in. */
  redirectOrigins(): Set<string>;
  reset(): void;
}

const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

const hasSecretType = (fields: AppFields): boolean => fields.type !== 'spa';

function view(app: StoredApp): OAuthApp {
  return {
    clientId: app.clientId,
    customerId: instance.customerId,
    ...app.fields,
    redirectUrls: [...app.fields.redirectUrls],
    publicKeys: [...app.fields.publicKeys],
    hasClientSecret: app.clientSecretHash !== null,
  };
}

const notFound = (clientId: string): AppRefusal => ({
  ok: false,
  status: 404,
  error: `No OAuth2 application has the client ID ${clientId}`,
});

const invalid = (fields: FieldErrors): AppRefusal => ({
  ok: false,
  status: 400,
  error: 'The application was not saved: correct the marked fields',
  fields,
});

export function createAppRegistry(options: {
  seed: readonly { clientId: string; fields: AppFields }[];
  /** Called after an app is deleted, to end what it was granted. */
  onDelete: (clientId: string) => void;
  rules: () => AppFieldRules;
}): AppRegistry {
  const apps = new Map<string, StoredApp>();

  function newSecret(app: StoredApp): string {
    const secret = randomUrlSafe(32);
    app.clientSecretHash = hashSecret(secret);
    return secret;
  }

  const registry: AppRegistry = {
    list: () => [...apps.values()].map(view),
    get(clientId) {
      const app = apps.get(clientId);
      return app && view(app);
    },
    create(input) {
      if (apps.size >= maxApps) {
        return {
          ok: false,
          status: 409,
          error: `An instance has at most ${maxApps} OAuth2 applications: delete one first`,
        };
      }
      const result = validateAppFields(input, undefined, options.rules());
      if (!result.ok) return invalid(result.errors);
      const app: StoredApp = {
        clientId: randomHex(16),
        fields: result.fields,
        clientSecretHash: null,
      };
      const clientSecret = hasSecretType(app.fields) ? newSecret(app) : undefined;
      apps.set(app.clientId, app);
      return { ok: true, app: view(app), ...(clientSecret === undefined ? {} : { clientSecret }) };
    },
    update(clientId, input) {
      const app = apps.get(clientId);
      if (!app) return notFound(clientId);
      const result = validateAppFields(input, app.fields, options.rules());
      if (!result.ok) return invalid(result.errors);
      app.fields = result.fields;
      return { ok: true, app: view(app) };
    },
    delete(clientId) {
      const deleted = apps.delete(clientId);
      if (deleted) options.onDelete(clientId);
      return deleted;
    },
    addClientSecret(clientId) {
      const app = apps.get(clientId);
      if (!app) return notFound(clientId);
      if (!hasSecretType(app.fields)) {
        return { ok: false, status: 400, error: 'A single-page application has no client secret' };
      }
      if (app.clientSecretHash !== null) {
        return { ok: false, status: 409, error: 'Delete the current client secret first' };
      }
      const clientSecret = newSecret(app);
      return { ok: true, app: view(app), clientSecret };
    },
    deleteClientSecret(clientId) {
      const app = apps.get(clientId);
      if (!app) return notFound(clientId);
      if (app.clientSecretHash === null) {
        return { ok: false, status: 409, error: 'The application has no client secret' };
      }
      app.clientSecretHash = null;
      return { ok: true, app: view(app) };
    },
    verifyClientSecret(clientId, secret) {
      const expected = apps.get(clientId)?.clientSecretHash;
      return expected != null && timingSafeEqual(expected, hashSecret(secret));
    },
    redirectOrigins() {
      const origins = new Set<string>();
      for (const app of apps.values()) {
        for (const url of app.fields.redirectUrls) origins.add(new URL(url).origin);
      }
      return origins;
    },
    reset() {
      apps.clear();
      for (const { clientId, fields } of options.seed) {
        apps.set(clientId, { clientId, fields: { ...fields }, clientSecretHash: null });
      }
    },
  };
  registry.reset();
  return registry;
}
