import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children only in the browser, after hydration. Charts measure their container
 * and animate with the DOM: the server sends `fallback` (the same numbers, as text) instead.
 */
export function ClientOnly({ children, fallback }: { readonly children: () => ReactNode; readonly fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
