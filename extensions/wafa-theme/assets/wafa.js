// Wafa's storefront script (docs/decisions/0017-storefront.md). Loaded with `defer` only by
// the blocks that need it (the launcher and the rewards page). It enhances markup Liquid has
// already painted: formats numbers for the shopper's locale, opens the panel, fetches the
// live balance and rewards through the app proxy, and redeems. No framework, no globals.
/* global document, window, crypto, fetch, setTimeout */
(function () {
  "use strict";
  var roots = document.querySelectorAll("[data-wafa]");
  if (!roots.length) return;

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] == null ? "" : values[key];
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function idempotencyKey() {
    var bytes = new Uint8Array(12);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else bytes.forEach(function (_, i) { bytes[i] = Math.random() * 256; });
    return "sf-" + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function setup(root) {
    var locale = root.getAttribute("lang") || document.documentElement.lang || undefined;
    var numbers = new Intl.NumberFormat(locale);
    var plurals = new Intl.PluralRules(locale);
    var stringsNode = root.querySelector("[data-wafa-strings]");
    var t = stringsNode ? JSON.parse(stringsNode.textContent) : { errors: {} };
    var proxy = root.getAttribute("data-wafa-proxy");
    var signedIn = root.getAttribute("data-wafa-customer") === "1";
    var status = root.querySelector("[data-wafa-status]");
    var loaded = null;

    function points(n) {
      return fill(plurals.select(n) === "one" ? t.pointsOne : t.pointsOther, { n: numbers.format(n) });
    }

    function showNumbers() {
      root.querySelectorAll("[data-wafa-n]").forEach(function (node) {
        node.textContent = numbers.format(Number(node.getAttribute("data-wafa-n")) || 0);
      });
    }

    function say(message, code) {
      if (!status) return;
      status.textContent = message;
      if (code) {
        var link = element("a", "wafa-link", t.apply);
        link.href = "/discount/" + encodeURIComponent(code) + "?redirect=" + encodeURIComponent("/cart");
        status.appendChild(document.createTextNode(" "));
        status.appendChild(link);
      }
    }

    function errorText(body) {
      var code = body && body.error;
      return (t.errors && t.errors[code]) || t.errors.generic;
    }

    function rewardItem(reward, data) {
      var item = element("li", "wafa-reward");
      var text = element("span", null, reward.name);
      item.appendChild(text);
      item.appendChild(element("span", "wafa-muted", points(reward.cost)));
      if (!signedIn) return item;
      var can = data.member && reward.affordable && reward.availableForTier && reward.kind !== "variable" && reward.kind !== "donation";
      var button = element("button", "wafa-button wafa-button--small", t.redeem);
      button.type = "button";
      button.disabled = !can;
      if (!can) button.title = reward.availableForTier ? t.notEnough : t.tierOnly;
      button.addEventListener("click", function () { redeem(reward, button); });
      item.appendChild(button);
      return item;
    }

    function render(data) {
      if (!data.live) return;
      root.querySelectorAll("[data-wafa-balance]").forEach(function (node) {
        node.setAttribute("data-wafa-n", String(data.available));
      });
      showNumbers();
      var list = root.querySelector("[data-wafa-rewards]");
      if (list) {
        var items = data.rewards.map(function (reward) { return rewardItem(reward, data); });
        if (!items.length) items = [element("li", "wafa-muted", t.noRewards)];
        list.replaceChildren.apply(list, items);
      }
      var open = data.open && data.open.filter(function (r) { return r.code; })[0];
      if (open) say(fill(t.code, { code: open.code }), open.code);
    }

    function load() {
      loaded = fetch(proxy + "/rewards", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response); })
        .then(render)
        .catch(function () { loaded = null; });
      return loaded;
    }

    function redeem(reward, button) {
      button.disabled = true;
      // One key per click: a retry after a lost answer is the same redemption, not a second one.
      var key = button.getAttribute("data-key") || idempotencyKey();
      button.setAttribute("data-key", key);
      fetch(proxy + "/redeem", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ rewardId: reward.id, idempotencyKey: key }),
      })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (!result.ok) return say(errorText(result.body));
          var show = result.body.show || {};
          if (show.kind === "code") say(fill(t.code, { code: show.code }), show.code);
          else say(t.atCheckout);
          load();
        })
        .catch(function () {
          button.disabled = false;
          say(t.errors.generic);
        });
    }

    showNumbers();
    var toggle = root.querySelector("[data-wafa-toggle]");
    var panel = root.querySelector(".wafa-panel");
    if (toggle && panel) {
      var setOpen = function (open) {
        panel.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        if (open) {
          var title = panel.querySelector("[tabindex]");
          if (title) title.focus();
          if (!loaded) load();
        } else {
          toggle.focus();
        }
      };
      toggle.addEventListener("click", function () { setOpen(panel.hidden); });
      root.querySelector("[data-wafa-close]").addEventListener("click", function () { setOpen(false); });
      // No balance metafield yet (a member Wafa has not synced): ask once the page is idle.
      if (signedIn && root.querySelector("[data-wafa-balance]:not([data-wafa-n])")) {
        var later = function () { if (!loaded) load(); };
        if (window.requestIdleCallback) window.requestIdleCallback(later, { timeout: 3000 });
        else setTimeout(later, 1500);
      }
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !panel.hidden) setOpen(false);
      });
    } else {
      load();
    }
  }

  roots.forEach(setup);
})();
