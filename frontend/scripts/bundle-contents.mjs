// What the entry chunk (or any chunk) is made of, by package or source file:
//   node scripts/bundle-contents.mjs            the entry chunk
//   node scripts/bundle-contents.mjs BarChart   the chunks whose name starts so
// The bundler reports each module's rendered length (before minifying) in the chunks it
// writes; this reads it from a build kept in memory. No analyser package is needed (a
// visualiser or a source-map explorer would be one more devDependency for a list this
// short); the sizes on the wire are the build's own report and tests/deploy/test_web_weight.py.
import { build } from "vite";

const wanted = process.argv[2];
const parts = [];

await build({
  logLevel: "warn",
  build: { write: false, manifest: false },
  plugins: [
    {
      name: "apik-bundle-contents",
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== "chunk" || (wanted ? !chunk.name.startsWith(wanted) : !chunk.isEntry)) continue;
          const sizes = new Map();
          for (const [id, module] of Object.entries(chunk.modules)) {
            const pkg = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
            const key = pkg ? pkg[1] : id.replace(/^.*\/frontend\//, "");
            sizes.set(key, (sizes.get(key) ?? 0) + module.renderedLength);
          }
          parts.push({ file: chunk.fileName, bytes: chunk.code.length, sizes });
        }
      },
    },
  ],
});

for (const { file, bytes, sizes } of parts) {
  console.log(`${file}: ${(bytes / 1000).toFixed(1)} kB minified`);
  for (const [key, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${(size / 1000).toFixed(1).padStart(8)} kB  ${key}`);
  }
}
