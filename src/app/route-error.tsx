import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Last line of defence: an error that escaped a screen still gets a message and a way on. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="centered-page" role="alert">
      <h1>Something went wrong</h1>
      <p>{detail}</p>
      <p>
        <button
          type="button"
          onClick={() => {
            window.location.reload();
          }}
        >
          Reload
        </button>{' '}
        <Link to="/">Go to the start page</Link>
      </p>
    </main>
  );
}
