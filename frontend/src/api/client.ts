// The typed client: openapi-fetch over the types generated from the gateway's merged
// OpenAPI document (`make client`). Every call goes to the same origin (/api/...).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { session } from "../auth/session";
import { initialLocale } from "../i18n/locale";
import { staleRefusals } from "./stale";

export const api = createClient<paths>({ baseUrl: "" });

// The bearer token of the signed-in user, and one renewal-and-retry when a read meets
// an expired token (a laptop that slept past the scheduled renewal). A write is not
// sent twice: its form stays filled, and the user presses again once renewed.
const bearer: Middleware = {
  async onRequest({ request }) {
    const token = session.accessToken();
    if (token && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${token}`);
    }
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !session.accessToken() || request.url.includes("/api/v1/auth/token")) {
      return response;
    }
    const renewed = await session.renew();
    if (!renewed || (request.method !== "GET" && request.method !== "HEAD")) return response;
    const retry = new Request(request, { headers: new Headers(request.headers) });
    retry.headers.set("Authorization", `Bearer ${session.accessToken()}`);
    return fetch(retry);
  },
};
api.use(bearer);

// The language the user chose, so that what the API says in words (a refusal's
// statuses, its `labels`) comes in it; Bahasa Indonesia unless English was chosen.
const language: Middleware = {
  async onRequest({ request }) {
    if (!request.headers.has("Accept-Language")) request.headers.set("Accept-Language", initialLocale());
    return request;
  },
};
api.use(language);

// A write refused as stale (409, 412) has the lists on screen read again (stale.ts).
api.use(staleRefusals);
