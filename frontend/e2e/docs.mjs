// The API docs journey, called from run.mjs with its kit of helpers.

// The API docs page works on an office network without internet: Swagger UI comes from
// the gateway, and nothing is requested elsewhere.
export async function docsLoadOffline(browser, { BASE, expect, shot, watchOrigins }) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  watchOrigins(page, "api docs");
  const merged = page.waitForResponse((r) => r.url().endsWith("/api/openapi.json"));
  await page.goto(`${BASE}/api/docs`);
  // Swagger UI reads the merged document (the gateway's operations and the services')
  // and renders it, a few sections at a time.
  const document = await (await merged).json();
  expect("/api/v1/intake/public/reports" in document.paths, "api docs: the services' operations are in the document");
  await page.locator('.opblock-summary-path[data-path="/api/v1/auth/token"]').waitFor();
  await shot(page, "api-docs");
  await context.close();
}
