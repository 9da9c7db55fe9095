import { ConfigError } from './app-config';

export function ConfigErrorPage({ error }: { error: unknown }) {
  const known = error instanceof ConfigError ? error : undefined;
  return (
    <main className="centered-page" role="alert">
      <h1>This app is not configured correctly</h1>
      {known ? (
        <>
          <p>
            The field <code>{known.field}</code> {known.problem}.
          </p>
          <p>{known.fix}</p>
        </>
      ) : (
        <p>The configuration could not be read: {String(error)}</p>
      )}
      <p>
        The configuration lives in <code>public/config.json</code>. After fixing it, reload.
      </p>
      <button
        type="button"
        onClick={() => {
          window.location.reload();
        }}
      >
        Reload
      </button>
    </main>
  );
}
