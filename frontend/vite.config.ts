/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { compression } from "vite-plugin-compression2";

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

// A brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, made once
// here at the highest levels rather than by the gateway on each request: the gateway
// sends the copy the browser accepts (gateway/apik_gateway/webapp/), and a phone on 3G
// downloads about a quarter of the raw bytes. Below 1 kB a copy saves less than one
// network packet, so none is written; a copy no smaller than its file is skipped. The
// plugin's defaults are the highest levels (brotli 11, gzip 9) and its log level stays
// "info": "silent" would also hide a failed compression, and the build must fail then.
const precompressed = compression({
  algorithms: ["brotliCompress", "gzip"],
  include: /\.(html|js|mjs|css|json|svg|webmanifest|txt|xml)$/,
  exclude: /^\.vite\//,
  threshold: 1024,
});

export default defineConfig({
  plugins: [react(), swaggerAssets(), precompressed],
  // The manifest (dist/.vite/manifest.json: a hidden folder the gateway never serves) lists
  // what each page loads; tests/deploy/test_web_weight.py holds it to a budget.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    // Brotli at its highest level takes most of the build's time on purpose (once per
    // release, for every visit's bytes); the bundler's "plugin took long" note says
    // nothing new.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8000" } },
  // Two projects: the pure logic (`*.test.ts`) runs in Node, with no DOM to set up; the
  // components (`*.test.tsx`) render into happy-dom. happy-dom rather than jsdom: its
  // current release runs on the Node 20 that package.json allows (jsdom's needs 22), it
  // brings a few packages where jsdom brings dozens, and it has what Mantine 9 asks of a
  // browser (matchMedia, ResizeObserver) without polyfills in the setup.
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"], environment: "node", setupFiles: ["src/testSetup.ts"] } },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["src/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["src/testSetup.ts", "src/testing/setup.ts"],
          // A user's typing into Mantine's inputs takes a few seconds on a busy shared
          // machine; the default 5 s limit fails a slow test that is not a wrong one.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
