import { requireSandbox } from "~/sandbox/guard.server";
import { sandboxRuntime } from "~/sandbox/runtime.server";
import { DEMO_COLLECTIONS, DEMO_PRODUCTS } from "~/sandbox/store/catalogue";
import { gid } from "~/sandbox/store/payloads";

/** The app's name in Shopify admin's sidebar (shopify.app.toml `name`). */
const SANDBOX_APP_NAME = "Wafa Loyalty";

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
 * shopify.toast.show(), a visible <ui-save-bar> (with shopify.saveBar), a plain
 * shopify.resourcePicker over the demo catalogue, and the app's <ui-nav-menu> drawn as
 * Shopify admin's sidebar draws it.
 */
const script = (catalogue: Awaited<ReturnType<typeof pickerCatalogue>>, appName: string) => `(() => {
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
    "body:has(ui-nav-menu){padding-left:200px}",
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
  // The app's nav menu (App Bridge's <ui-nav-menu>, NavMenu in app/routes/app.tsx), drawn as
  // Shopify admin draws it in its sidebar (https://shopify.dev/docs/api/app-bridge-library/web-components/ui-nav-menu):
  // the first link, rel="home", is not an item but the app's name, linking home; every other
  // link is an item, the current page's marked. Clicking one does what App Bridge does: a
  // "shopify:navigate" event on the app's own link, which AppProvider turns into a Remix
  // navigation. Drawn in the element's shadow root, so React's tree is left as rendered.
  const APP_NAME = ${JSON.stringify(appName)};
  class NavMenuElement extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return this.draw();
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = "<style>nav{position:fixed;top:0;left:0;bottom:0;width:200px;box-sizing:border-box;padding:16px 8px;background:#ebebeb;border-right:1px solid #d4d4d4;font:14px system-ui;z-index:999;display:flex;flex-direction:column;gap:2px}" +
        "a{display:block;padding:6px 10px;border-radius:8px;color:#303030;text-decoration:none}a:hover{background:#fafafa}a[aria-current=page]{background:#fff;font-weight:600}" +
        "a.app{font-weight:650;font-size:15px;margin-bottom:8px}</style><nav aria-label='App navigation'></nav>";
      new MutationObserver(() => this.draw()).observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
      this.draw();
    }
    draw() {
      const nav = this.shadowRoot && this.shadowRoot.querySelector("nav");
      if (!nav) return;
      const links = [...this.querySelectorAll(":scope > a")];
      const home = links.find((link) => link.getAttribute("rel") === "home");
      const path = (link) => new URL(link.getAttribute("href") || "", location.href).pathname;
      const item = (link, text, current) => {
        const drawn = Object.assign(document.createElement("a"), { href: link.getAttribute("href") || "", textContent: text, className: link === home ? "app" : "" });
        if (current) drawn.setAttribute("aria-current", "page");
        drawn.addEventListener("click", (event) => { event.preventDefault(); link.dispatchEvent(new Event("shopify:navigate", { bubbles: true })); });
        return drawn;
      };
      const items = links.filter((link) => link !== home).map((link) => item(link, (link.textContent || "").trim(), location.pathname === path(link) || location.pathname.startsWith(path(link) + "/")));
      nav.replaceChildren(...(home ? [item(home, APP_NAME, false)] : []), ...items);
    }
  }
  if (!customElements.get("ui-nav-menu")) customElements.define("ui-nav-menu", NavMenuElement);
  // Remix navigates with the history API: the current item follows it.
  const redrawNav = () => document.querySelectorAll("ui-nav-menu").forEach((menu) => menu.draw && menu.draw());
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (...args) => { const result = original(...args); redrawNav(); return result; };
  }
  addEventListener("popstate", redrawNav);
  // Shopify admin draws these App Bridge elements in its own chrome; here they stay hidden.
  for (const name of ["ui-title-bar", "ui-modal"]) {
    if (!customElements.get(name)) customElements.define(name, class extends HTMLElement { connectedCallback() { this.hidden = true; } });
  }
})();`;

export async function loader() {
  requireSandbox();
  return new Response(script(await pickerCatalogue(), SANDBOX_APP_NAME), { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" } });
}
