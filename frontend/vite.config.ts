/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);

// The API docs page (/api/docs, served by the gateway) loads Swagger UI from here rather
// than from a CDN: an office network is often offline.
function swaggerAssets(): Plugin {
  const root = dirname(require.resolve("swagger-ui-dist/package.json"));
  return {
    name: "apik-swagger-assets",
    apply: "build",
    generateBundle() {
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) {
        this.emitFile({
          type: "asset",
          fileName: `api-docs/${file}`,
          source: readFileSync(join(root, file)),
        });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), swaggerAssets()],
  // The manifest (dist/.vite/manifest.json: a hidden folder the gateway never serves) lists
  // what each page loads; tests/deploy/test_web_weight.py holds it to a budget.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500, manifest: true },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
