import { requireSandbox } from "~/sandbox/guard.server";

/**
 * A stand-in for Shopify's App Bridge script, for the sandbox only: like App Bridge, it
 * adds a fresh session token to the app's own fetch requests and offers shopify.idToken()
 * and shopify.toast.show().
 */
const SCRIPT = `(() => {
  const nativeFetch = window.fetch.bind(window);
  const idToken = async () => (await (await nativeFetch("/sandbox/id-token", { cache: "no-store" })).json()).token;
  window.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin === location.origin && !url.pathname.startsWith("/sandbox/")) {
      const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
      init = { ...init, headers };
    }
    return nativeFetch(input, init);
  };
  const toast = (message) => {
    const node = Object.assign(document.createElement("div"), { textContent: message, role: "status" });
    Object.assign(node.style, { position: "fixed", bottom: "24px", left: "50%", transform: "translateX(-50%)", background: "#303030", color: "#fff", padding: "10px 16px", borderRadius: "10px", font: "14px system-ui", zIndex: 1000 });
    document.body.append(node);
    setTimeout(() => node.remove(), 3000);
  };
  window.shopify = { idToken, toast: { show: toast }, loading: () => {}, config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey } };
  // Shopify admin draws these App Bridge elements in its own chrome; here they stay hidden.
  for (const name of ["ui-nav-menu", "ui-title-bar", "ui-save-bar", "ui-modal"]) {
    if (!customElements.get(name)) customElements.define(name, class extends HTMLElement { connectedCallback() { this.hidden = true; } });
  }
})();`;

export async function loader() {
  requireSandbox();
  return new Response(SCRIPT, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
}
