/** What a part of a view shows while its data loads, or why it could not. */
export function LoadStatus({ error, what }: { error: Error | undefined; what: string }) {
  if (error !== undefined) {
    return (
      <p className="error" role="alert">
        Could not load {what}: {error.message}
      </p>
    );
  }
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}
