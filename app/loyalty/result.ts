/**
 * Expected failures are values, not exceptions (STYLE.md habit 6): a function that can
 * fail on bad input returns `Result`, with a literal error code callers can switch on.
 * Bugs still throw.
 */
export type Ok<T> = { ok: true; value: T };
export type Err<E extends string> = { ok: false; error: E; message: string };
export type Result<T, E extends string = string> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E extends string>(error: E, message: string): Err<E> => ({ ok: false, error, message });
