import { requireSandbox } from "~/sandbox/guard.server";

/**
 * A stand-in for Shopify's App Bridge script, for the sandbox only: like App Bridge, it
 * adds a fresh session token to the app's own fetch requests and offers shopify.idToken(),
 * shopify.toast.show() and a visible <ui-save-bar> (with shopify.saveBar).
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
  // Toasts and the save bar are drawn by Shopify admin's chrome; here they are drawn on the
  // page so that saving in the sandbox looks and behaves as it will in the admin.
  const style = document.createElement("style");
  style.textContent = [
    "ui-save-bar{position:fixed;top:0;left:0;right:0;z-index:1000;display:flex;gap:8px;align-items:center;padding:10px 16px;background:#1a1a1a;color:#fff;font:14px system-ui}",
    "ui-save-bar[hidden]{display:none}",
    "body:has(ui-save-bar:not([hidden])){padding-top:52px}",
    "ui-save-bar::before{content:'Unsaved changes';margin-right:auto;font-weight:600}",
    "ui-save-bar button{font:inherit;padding:6px 12px;border-radius:8px;border:1px solid #555;background:#303030;color:#fff;cursor:pointer}",
    "ui-save-bar button[variant=primary]{background:#fff;color:#1a1a1a}",
    "ui-save-bar button[loading],ui-save-bar button[disabled]{opacity:.6;pointer-events:none}",
  ].join("\\n");
  document.head.append(style);
  let toastCount = 0;
  const toast = (message, options = {}) => {
    const id = "sandbox-toast-" + ++toastCount;
    const node = Object.assign(document.createElement("div"), { id, textContent: message, role: options.isError ? "alert" : "status" });
    Object.assign(node.style, { position: "fixed", bottom: "24px", left: "50%", transform: "translateX(-50%)", background: options.isError ? "#8e1f0b" : "#303030", color: "#fff", padding: "10px 16px", borderRadius: "10px", font: "14px system-ui", zIndex: 1000 });
    document.body.append(node);
    setTimeout(() => node.remove(), options.duration || 3000);
    return id;
  };
  // The <ui-save-bar> element's API (show, hide, toggle, showing) as @shopify/app-bridge-react's
  // <SaveBar open> drives it; its child buttons stay the app's own, with their click handlers.
  class SaveBarElement extends HTMLElement {
    connectedCallback() { this.hidden = !this.shown; this.setAttribute("aria-label", "Unsaved changes"); }
    get showing() { return Boolean(this.shown); }
    async show() { this.shown = true; this.hidden = false; this.dispatchEvent(new CustomEvent("show")); }
    async hide() { if (!this.shown) return; this.shown = false; this.hidden = true; this.dispatchEvent(new CustomEvent("hide")); }
    async toggle() { return this.shown ? this.hide() : this.show(); }
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", SaveBarElement);
  const saveBarById = (id) => document.getElementById(id);
  const saveBar = {
    show: async (id) => saveBarById(id)?.show(),
    hide: async (id) => saveBarById(id)?.hide(),
    toggle: async (id) => saveBarById(id)?.toggle(),
    leaveConfirmation: async () => {},
  };
  window.shopify = { idToken, toast: { show: toast, hide: (id) => document.getElementById(id)?.remove() }, saveBar, loading: () => {}, config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey } };
  // Shopify admin draws these App Bridge elements in its own chrome; here they stay hidden.
  for (const name of ["ui-nav-menu", "ui-title-bar", "ui-modal"]) {
    if (!customElements.get(name)) customElements.define(name, class extends HTMLElement { connectedCallback() { this.hidden = true; } });
  }
})();`;

export async function loader() {
  requireSandbox();
  return new Response(SCRIPT, { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
}
