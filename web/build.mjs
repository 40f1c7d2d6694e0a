// Copies the third-party files the web app ships from node_modules (installed by `npm ci` from
// package-lock.json) into the Python package, with their licences. Nothing is downloaded here.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "communique", "web", "static", "vendor");

// [package, file in the package, name in vendor/]
const FILES = [
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client", "LICENSE", "topojson-client.LICENSE.txt"],
  // Natural Earth country borders at 1:110m (public domain), as TopoJSON.
  ["world-atlas", "countries-110m.json", "countries-110m.json"],
  ["world-atlas", "LICENSE", "world-atlas.LICENSE.txt"],
];

mkdirSync(vendor, { recursive: true });
for (const [pkg, file, name] of FILES) {
  copyFileSync(join(modules, pkg, file), join(vendor, name));
  console.log(`vendor/${name} <- ${pkg}/${file}`);
}
writeFileSync(join(vendor, ".gitignore"), "*\n");
