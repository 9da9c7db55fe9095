/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

const styles = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d1d1f; }
  main { max-width: 44rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff;
    border-radius: 8px; box-shadow: 0 1px 3px rgb(0 0 0 / 15%); }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input, select, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 0.4rem; }
  input[type='checkbox'] { width: auto; }
  button { font: inherit; margin-top: 1rem; margin-right: 0.5rem; padding: 0.4rem 1.2rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ddd; }
  code { overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .error { color: #b00020; }
  .note { color: #555; font-size: 0.9rem; }
  .secret { background: #fff6d5; padding: 0.75rem; border-radius: 4px; }
`;

/**
 * An icon in the page itself: without one the browser asks for /favicon.ico on every page of the
 * sign-in, and logs the 404.
 */
const icon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23ef6c00'/%3E%3C/svg%3E";

/** The page frame of the emulator's server-rendered pages. */
export function Layout(props: { title: string; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title} · Workfront emulator</title>
          <link rel="icon" href={icon} />
          <style>{raw(styles)}</style>
        </head>
        <body>
          <main>{props.children}</main>
        </body>
      </html>
    </>
  );
}
