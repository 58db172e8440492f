import { data } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { adminFetch } from "../test/admin-requests";
import { callResourceRoute, type ResourceRoute } from "./resource-routes";

const request = (method: string) => new Request("http://wafa.test/app/thing", { method });
const noErrors = (error: unknown) => {
  throw error;
};

describe("the host's direct dispatch of resource routes answers as Remix's data() says", () => {
  it.each([
    ["a returned data() with a status", () => data({ status: "invalid" }, { status: 400, headers: { "X-Reason": "intent" } }), 400, { status: "invalid" }],
    ["a returned data() without init", () => data({ ok: true }), 200, { ok: true }],
    ["a plain value", () => ({ ok: true }), 200, { ok: true }],
    ["a thrown data() with a status", () => {
      throw data({ message: "gone" }, { status: 404 });
    }, 404, { message: "gone" }],
  ] as const)("GIVEN %s THEN its status and value, never the wrapper", async (_case, action, status, body) => {
    const route: ResourceRoute = { id: "routes/thing", action };
    const response = await callResourceRoute(route, request("POST"), noErrors);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });

  it("GIVEN a data() with headers THEN the headers are sent", async () => {
    const route: ResourceRoute = { id: "routes/thing", action: () => data(null, { status: 409, headers: { "X-Reason": "taken" } }) };
    expect((await callResourceRoute(route, request("POST"), noErrors)).headers.get("X-Reason")).toBe("taken");
  });

  it("GIVEN a HEAD request THEN the loader's status without a body", async () => {
    const route: ResourceRoute = { id: "routes/thing", loader: () => data({ big: "body" }, { status: 202 }) };
    const response = await callResourceRoute(route, request("HEAD"), noErrors);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe("");
  });
});

describe("resource routes through the production server", () => {
  const shop = "resource-routes.myshopify.com";
  const running = useInstalledShopServer(shop);

  it("WHEN /app/launch is posted a bogus intent directly (not through .data) THEN 400 with the reason, as through Remix", async () => {
    const response = await adminFetch(running.server, shop, "/app/launch", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=bogus",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: "invalid", message: 'Choose "launch" or "pause".' });
  });
});
