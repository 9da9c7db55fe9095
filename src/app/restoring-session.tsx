export function RestoringSession() {
  return (
    <main className="centered-page" aria-busy="true">
      <p role="status">Restoring your Workfront session…</p>
    </main>
  );
}
