/** One line for a log field: the message with its causes (pg errors hide the useful part in `cause`). */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError) return `${error.message}: ${error.errors.map(describeError).join("; ")}`;
  if (error instanceof Error) return error.cause === undefined ? error.message : `${error.message} (${describeError(error.cause)})`;
  return String(error);
}
