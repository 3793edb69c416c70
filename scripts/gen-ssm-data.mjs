#!/usr/bin/env node
// Regenerates packages/testkit/data/global-infrastructure.json from the copy of AWS's public SSM
// parameters under /aws/service/global-infrastructure that the `moto` Python package ships
// (moto/ssm/resources/regions.json.gz and services.json.gz).
//
//   node scripts/gen-ssm-data.mjs [--moto-dir DIR] [--out FILE] [--check]
//
// The moto directory defaults to `python3 -c "import moto,os;print(os.path.dirname(moto.__file__))"`.
// The output is compact (endpoints are stored as per-service templates plus overrides) and the
// script proves it lossless: it expands the result back into parameters and compares them, one by
// one, with every parameter in moto's two trees. `--check` compares with the checked-in file
// instead of writing it (exit 1 when they differ).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const ROOT = "/aws/service/global-infrastructure";
const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { motoDir: undefined, out: resolve(here, "../packages/testkit/data/global-infrastructure.json"), check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--moto-dir") args.motoDir = argv[++i];
    else if (a === "--out") args.out = resolve(argv[++i]);
    else if (a === "--check") args.check = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: node scripts/gen-ssm-data.mjs [--moto-dir DIR] [--out FILE] [--check]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function findMotoDir() {
  try {
    return execFileSync("python3", ["-c", "import moto,os;print(os.path.dirname(moto.__file__))"], { encoding: "utf8" }).trim();
  } catch (cause) {
    throw new Error("cannot find the moto Python package; install it (pip install 'moto[server]') or pass --moto-dir", { cause });
  }
}

function readTree(file) {
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
}

/** Walks moto's {"a": {"b": {"Value": ...}}} tree into [name, value] pairs. */
function flatten(tree, prefix = "", out = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    if (key === "Value") out.set(prefix, value);
    else flatten(value, `${prefix}/${key}`, out);
  }
  return out;
}

const val = (node, key) => (node && typeof node[key] === "object" ? node[key].Value : undefined);
const keys = (node) => (node ? Object.keys(node).filter((k) => k !== "Value").sort() : []);

function mostCommon(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount) [best, bestCount] = [v, n];
  return best;
}

function build(regionsTree, servicesTree, lastModifiedDate, motoVersion) {
  const rTree = regionsTree.aws.service["global-infrastructure"].regions;
  const sTree = servicesTree.aws.service["global-infrastructure"].services;
  const known = new Set(["Value", "longName", "partition", "domain", "geolocationCountry", "geolocationRegion", "availability-zones", "local-zones", "wavelength-zones", "services"]);

  // Every (service, region) endpoint/protocols seen in either tree; both trees agree where they overlap.
  const pairInfo = new Map(); // service -> region -> { endpoint, protocols }
  const note = (service, region, node) => {
    const byRegion = pairInfo.get(service) ?? new Map();
    pairInfo.set(service, byRegion);
    const info = { endpoint: val(node, "endpoint") ?? null, protocols: val(node, "protocols") ?? null };
    const seen = byRegion.get(region);
    if (seen && (seen.endpoint !== info.endpoint || seen.protocols !== info.protocols)) {
      throw new Error(`endpoint of ${service} in ${region} differs between the regions and services trees`);
    }
    byRegion.set(region, info);
  };

  const regions = {};
  for (const code of keys(rTree)) {
    const node = rTree[code];
    for (const k of Object.keys(node)) if (!known.has(k)) throw new Error(`unexpected key ${k} in region ${code}`);
    if (node.Value !== code) throw new Error(`region ${code} has value ${node.Value}`);
    const region = {
      longName: val(node, "longName"),
      partition: val(node, "partition"),
      domain: val(node, "domain"),
      geolocationCountry: val(node, "geolocationCountry"),
      geolocationRegion: val(node, "geolocationRegion"),
      availabilityZones: keys(node["availability-zones"]),
      localZones: keys(node["local-zones"]),
      wavelengthZones: keys(node["wavelength-zones"]),
      services: keys(node.services),
    };
    for (const service of region.services) note(service, code, node.services[service]);
    regions[code] = region;
  }

  const services = {};
  for (const code of keys(sTree)) {
    const node = sTree[code];
    for (const k of Object.keys(node)) if (!["Value", "longName", "marketingHomeURL", "regions"].includes(k)) throw new Error(`unexpected key ${k} in service ${code}`);
    if (node.Value !== undefined && node.Value !== code) throw new Error(`service ${code} has value ${node.Value}`);
    const service = {};
    if (node.Value === undefined) service.unlisted = true;
    if (val(node, "longName") !== undefined) service.longName = val(node, "longName");
    if (val(node, "marketingHomeURL") !== undefined) service.marketingHomeURL = val(node, "marketingHomeURL");
    service.regions = keys(node.regions);
    for (const region of service.regions) note(code, region, node.regions[region]);
    services[code] = service;
  }
  // Services that only the regions tree names still need an entry to carry their endpoints.
  for (const code of pairInfo.keys()) if (!services[code]) services[code] = { unlisted: true, regions: [] };

  for (const [code, byRegion] of pairInfo) {
    const service = services[code];
    const template = (region, endpoint) => (endpoint === null ? null : endpoint.split(region).join("{region}"));
    const entries = [...byRegion.entries()];
    const endpoint = mostCommon(entries.map(([r, i]) => template(r, i.endpoint)));
    const protocols = mostCommon(entries.map(([, i]) => i.protocols));
    if (endpoint !== null) service.endpoint = endpoint;
    if (protocols !== null) service.protocols = protocols;
    const overrides = {};
    for (const [region, info] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
      const expected = endpoint === null ? null : endpoint.split("{region}").join(region);
      if (info.endpoint !== expected || info.protocols !== protocols) overrides[region] = [info.endpoint, info.protocols];
    }
    if (Object.keys(overrides).length > 0) service.endpoints = overrides;
  }

  const sortedServices = {};
  for (const code of Object.keys(services).sort()) sortedServices[code] = services[code];
  return {
    format: 1,
    source: `moto ${motoVersion}: ssm/resources/regions.json.gz and services.json.gz`,
    lastModifiedDate,
    regions,
    services: sortedServices,
  };
}

/** Expands the compact data into parameters; must mirror packages/testkit/src/ssm/global-infrastructure.ts. */
function expand(data) {
  const out = new Map();
  const endpointOf = (service, region) => {
    const s = data.services[service];
    const o = s?.endpoints?.[region];
    if (o) return { endpoint: o[0], protocols: o[1] };
    return { endpoint: s?.endpoint === undefined ? null : s.endpoint.split("{region}").join(region), protocols: s?.protocols ?? null };
  };
  const addPair = (base, value, service, region) => {
    out.set(base, value);
    const info = endpointOf(service, region);
    if (info.endpoint !== null) out.set(`${base}/endpoint`, info.endpoint);
    if (info.protocols !== null) out.set(`${base}/protocols`, info.protocols);
  };
  for (const [code, r] of Object.entries(data.regions)) {
    const base = `${ROOT}/regions/${code}`;
    out.set(base, code);
    for (const k of ["longName", "partition", "domain", "geolocationCountry", "geolocationRegion"]) if (r[k] !== undefined) out.set(`${base}/${k}`, r[k]);
    for (const az of r.availabilityZones) out.set(`${base}/availability-zones/${az}`, az);
    for (const z of r.localZones) out.set(`${base}/local-zones/${z}`, z);
    for (const z of r.wavelengthZones) out.set(`${base}/wavelength-zones/${z}`, z);
    for (const s of r.services) addPair(`${base}/services/${s}`, s, s, code);
  }
  for (const [code, s] of Object.entries(data.services)) {
    const base = `${ROOT}/services/${code}`;
    if (!s.unlisted) out.set(base, code);
    if (s.longName !== undefined) out.set(`${base}/longName`, s.longName);
    if (s.marketingHomeURL !== undefined) out.set(`${base}/marketingHomeURL`, s.marketingHomeURL);
    for (const r of s.regions) addPair(`${base}/regions/${r}`, r, code, r);
  }
  return out;
}

/** One region or service per line: small, and diffs of regenerated data stay readable. */
function format(data) {
  const block = (obj) =>
    Object.entries(obj)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(",\n");
  return [
    "{",
    `  "format": ${JSON.stringify(data.format)},`,
    `  "source": ${JSON.stringify(data.source)},`,
    `  "lastModifiedDate": ${JSON.stringify(data.lastModifiedDate)},`,
    `  "regions": {\n${block(data.regions)}\n  },`,
    `  "services": {\n${block(data.services)}\n  }`,
    "}",
    "",
  ].join("\n");
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const motoDir = args.motoDir ?? findMotoDir();
  const regionsFile = join(motoDir, "ssm/resources/regions.json.gz");
  const servicesFile = join(motoDir, "ssm/resources/services.json.gz");
  let motoVersion = "unknown";
  try {
    motoVersion = execFileSync("python3", ["-c", "import moto;print(moto.__version__)"], { encoding: "utf8" }).trim();
  } catch {
    // the version is only informative
  }
  const regionsTree = readTree(regionsFile);
  const servicesTree = readTree(servicesFile);
  // A stable date for LastModifiedDate: the day moto's data file was written.
  const lastModifiedDate = new Date(statSync(regionsFile).mtime).toISOString().slice(0, 10) + "T00:00:00.000Z";
  const data = build(regionsTree, servicesTree, lastModifiedDate, motoVersion);

  // Prove the compact form is lossless.
  const expected = new Map([...flatten(regionsTree), ...flatten(servicesTree)]);
  const actual = expand(JSON.parse(format(data)));
  for (const [name, value] of expected) {
    if (actual.get(name) !== value) throw new Error(`round trip lost ${name} = ${value} (got ${actual.get(name)})`);
  }
  for (const name of actual.keys()) if (!expected.has(name)) throw new Error(`round trip invented ${name}`);

  const text = format(data);
  const listed = Object.values(data.services).filter((s) => !s.unlisted).length;
  const pairsByService = Object.values(data.services).reduce((n, s) => n + s.regions.length, 0);
  const pairsByRegion = Object.values(data.regions).reduce((n, r) => n + r.services.length, 0);
  const counts = {
    regions: Object.keys(data.regions).length,
    servicesInServicesTree: Object.keys(servicesTree.aws.service["global-infrastructure"].services).length,
    servicesWithLongName: Object.values(data.services).filter((s) => s.longName !== undefined).length,
    servicesListed: listed,
    pairsInServicesTree: pairsByService,
    pairsInRegionsTree: pairsByRegion,
    availabilityZones: Object.values(data.regions).reduce((n, r) => n + r.availabilityZones.length, 0),
    localZones: Object.values(data.regions).reduce((n, r) => n + r.localZones.length, 0),
    parameters: actual.size,
    bytes: Buffer.byteLength(text),
  };

  if (args.check) {
    let current = "";
    try {
      current = readFileSync(args.out, "utf8");
    } catch {
      // missing counts as different
    }
    console.log(JSON.stringify({ ...counts, upToDate: current === text }));
    process.exit(current === text ? 0 : 1);
  }
  writeFileSync(args.out, text);
  console.log(JSON.stringify({ out: args.out, ...counts }));
}

main();
