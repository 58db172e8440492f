import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Shopify opens the app at its URL with ?shop=…&host=…: hand over to the embedded admin. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
}

export default function Landing() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>Wafa</h1>
      <p>Loyalty points that are exact to the last point. Open Wafa from your Shopify admin.</p>
    </main>
  );
}
