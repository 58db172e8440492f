import { requireSandbox } from "~/sandbox/guard.server";
import { sandboxRuntime } from "~/sandbox/runtime.server";
import { DEMO_COLLECTIONS, DEMO_PRODUCTS } from "~/sandbox/store/catalogue";
import { gid } from "~/sandbox/store/payloads";

/** What shopify.resourcePicker lists: each demo product with the one variant the store sells. */
async function pickerCatalogue() {
  const runtime = sandboxRuntime();
  const known = new Map(runtime.store.toJSON().products.map((product) => [product.productId, product.variantId]));
  const ids = DEMO_PRODUCTS.map((product) => Number(product.productId));
  // Variants are given when a product is first sold; the picker must offer the same ones.
  const variants = ids.every((id) => known.has(id)) ? ids.map((id) => known.get(id) ?? 0) : (await runtime.perform((store) => ({ emitted: [], variants: ids.map((id) => store.variantIdOf(id)) }))).variants;
  const product = DEMO_PRODUCTS.map((demo, index) => ({
    id: gid("Product", Number(demo.productId)),
    title: demo.title,
    variants: [{ id: gid("ProductVariant", variants[index] ?? 0), title: "Default Title", sku: demo.sku }],
  }));
  return { product, collection: DEMO_COLLECTIONS.map(({ id, title }) => ({ id, title })) };
}

/**
 * A stand-in for Shopify's App Bridge script, for the sandbox only: like App Bridge, it
 * adds a fresh session token to the app's own fetch requests and offers shopify.idToken(),
 * shopify.toast.show(), a visible <ui-save-bar> (with shopify.saveBar) and a plain
 * shopify.resourcePicker over the demo catalogue.
 */
const script = (catalogue: Awaited<ReturnType<typeof pickerCatalogue>>) => `(() => {
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
  // The resource picker: a dialog listing the demo catalogue, resolving to the chosen
  // resources (as App Bridge does: ids as GIDs, a product with its variants) or undefined.
  const catalogue = ${JSON.stringify(catalogue)};
  const resourcePicker = (options) => new Promise((resolve) => {
    const items = catalogue[options.type];
    if (!items) return resolve(undefined);
    const previous = document.activeElement;
    const chosen = new Set((options.selectionIds || []).map((selection) => selection.id));
    const verb = options.action === "select" ? "Select" : "Add";
    const dialog = Object.assign(document.createElement("div"), { role: "dialog" });
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", verb + " " + options.type + (options.multiple ? "s" : ""));
    Object.assign(dialog.style, { position: "fixed", inset: "10% 25%", overflow: "auto", zIndex: 1001, background: "#fff", border: "1px solid #8a8a8a", borderRadius: "12px", padding: "16px", font: "14px system-ui", display: "flex", flexDirection: "column", gap: "6px" });
    const close = (selection) => { dialog.remove(); previous?.focus?.(); resolve(selection); };
    const buttons = items.map((item) => {
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: item.title });
      const show = () => { button.setAttribute("aria-pressed", String(chosen.has(item.id))); button.style.fontWeight = chosen.has(item.id) ? "700" : "400"; };
      button.addEventListener("click", () => {
        if (!options.multiple) { const had = chosen.has(item.id); chosen.clear(); if (!had) chosen.add(item.id); }
        else if (chosen.has(item.id)) chosen.delete(item.id);
        else chosen.add(item.id);
        buttons.forEach((other) => other.show());
      });
      button.show = show;
      show();
      return button;
    });
    const cancel = Object.assign(document.createElement("button"), { type: "button", textContent: "Cancel" });
    cancel.addEventListener("click", () => close(undefined));
    const confirm = Object.assign(document.createElement("button"), { type: "button", textContent: verb });
    confirm.addEventListener("click", () => close(items.filter((item) => chosen.has(item.id))));
    dialog.addEventListener("keydown", (event) => { if (event.key === "Escape") close(undefined); });
    dialog.append(Object.assign(document.createElement("h2"), { textContent: dialog.getAttribute("aria-label") }), ...buttons, cancel, confirm);
    document.body.append(dialog);
    (buttons[0] || cancel).focus();
  });
  window.shopify = { idToken, toast: { show: toast, hide: (id) => document.getElementById(id)?.remove() }, saveBar, resourcePicker, loading: () => {}, config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey } };
  // Shopify admin draws these App Bridge elements in its own chrome; here they stay hidden.
  for (const name of ["ui-nav-menu", "ui-title-bar", "ui-modal"]) {
    if (!customElements.get(name)) customElements.define(name, class extends HTMLElement { connectedCallback() { this.hidden = true; } });
  }
})();`;

export async function loader() {
  requireSandbox();
  return new Response(script(await pickerCatalogue()), { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
}
