// Builds the pages sourcecmp serves into dist/, which the Go package embeds.
//
//   node build.mjs               validate the queries, then bundle into dist/
//   node build.mjs --check       validate the queries only
//   node build.mjs --outdir DIR  bundle into DIR (to compare with dist/)
//
// Every GraphQL document under src/ (the playground's example tabs and the
// pages' own queries) is validated against the schema in ../../graph first,
// so the pages never drift from the API. The output is deterministic: the
// same sources and node_modules give byte-identical files, so CI can rebuild
// and compare against the checked-in dist/.
import * as esbuild from 'esbuild';
import { buildSchema, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const schemaDir = path.join(root, '../../graph');
const outArg = process.argv.indexOf('--outdir');
const dist = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist');

// Assets are served from /assets/ with their content hash in the name, so
// the server can cache them forever; the HTML pages name them.
const assetPrefix = '/assets/';

function listFiles(dir, ext) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

function checkQueries() {
  const sdl = listFiles(schemaDir, '.graphqls').map((f) => fs.readFileSync(f, 'utf8'));
  // gqlgen's prelude declares @defer; the schema files do not.
  const prelude = 'directive @defer(if: Boolean = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT';
  const schema = buildSchema([...sdl, prelude].join('\n'));
  let failures = 0;
  for (const file of listFiles(path.join(root, 'src'), '.graphql')) {
    const rel = path.relative(root, file);
    try {
      const doc = parse(fs.readFileSync(file, 'utf8'));
      const errors = [...validate(schema, doc)];
      // An example's variables (X.variables.json beside X.graphql) must fit
      // the operation's variable types too.
      const varsFile = file.replace(/\.graphql$/, '.variables.json');
      if (errors.length === 0 && fs.existsSync(varsFile)) {
        const op = doc.definitions.find((d) => d.kind === 'OperationDefinition');
        const inputs = JSON.parse(fs.readFileSync(varsFile, 'utf8'));
        errors.push(...(getVariableValues(schema, op.variableDefinitions ?? [], inputs).errors ?? []));
      }
      for (const e of errors) {
        console.error(`${rel}: ${e.message}`);
        failures++;
      }
    } catch (e) {
      console.error(`${rel}: ${e.message}`);
      failures++;
    }
  }
  if (failures > 0) throw new Error(`${failures} GraphQL error(s) against ${path.relative(root, schemaDir)}/*.graphqls`);
}

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  target: ['es2022', 'chrome111', 'firefox113', 'safari16.4'],
  legalComments: 'linked',
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
  write: true,
  outdir: dist,
  entryNames: 'assets/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.graphql': 'text', '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
};

// outputsByEntry maps each entry point to the URLs of its .js and .css.
function outputsByEntry(metafile) {
  const out = {};
  for (const [file, o] of Object.entries(metafile.outputs)) {
    if (!o.entryPoint) continue;
    const name = path.basename(o.entryPoint).replace(/\.[^.]+$/, '');
    out[name] ??= {};
    out[name][path.extname(file).slice(1)] = assetPrefix + path.basename(file);
    if (o.cssBundle) out[name].css = assetPrefix + path.basename(o.cssBundle);
  }
  return out;
}

// copyStatic copies the files beside the pages (the icon) into the assets
// with a content hash in their names, as esbuild names its outputs.
function copyStatic() {
  const out = {};
  for (const name of fs.readdirSync(path.join(root, 'src/pages')).sort()) {
    if (name.endsWith('.html')) continue;
    const data = fs.readFileSync(path.join(root, 'src/pages', name));
    const hash = createHash('sha256').update(data).digest('hex').slice(0, 8).toUpperCase();
    const ext = path.extname(name);
    const base = path.basename(name, ext);
    const file = `${base}-${hash}${ext}`;
    fs.writeFileSync(path.join(dist, 'assets', file), data);
    out[base] = { [ext.slice(1)]: assetPrefix + file };
  }
  return out;
}

async function bundle() {
  fs.rmSync(dist, { recursive: true, force: true });
  const workers = await esbuild.build({
    ...common,
    format: 'iife',
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
  });
  const pages = await esbuild.build({
    ...common,
    format: 'esm',
    entryPoints: ['src/playground/playground.tsx', 'src/app/compare.ts', 'src/app/reader.ts', 'src/app/app.css'],
    jsx: 'automatic',
  });
  const assets = { ...outputsByEntry(workers.metafile), ...outputsByEntry(pages.metafile), ...copyStatic() };
  for (const page of ['index', 'compare', 'document']) {
    const src = fs.readFileSync(path.join(root, 'src/pages', page + '.html'), 'utf8');
    const html = src.replace(/@asset\(([\w.]+)\)/g, (_, ref) => {
      const [entry, kind] = [ref.slice(0, ref.lastIndexOf('.')), ref.slice(ref.lastIndexOf('.') + 1)];
      const url = assets[entry]?.[kind];
      if (!url) throw new Error(`src/pages/${page}.html: no built asset for @asset(${ref})`);
      return url;
    });
    fs.writeFileSync(path.join(dist, page + '.html'), html);
  }
  for (const [file, o] of Object.entries({ ...workers.metafile.outputs, ...pages.metafile.outputs }).sort()) {
    console.log(`${path.relative(root, file).padEnd(48)} ${(o.bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}

checkQueries();
if (!process.argv.includes('--check')) await bundle();
