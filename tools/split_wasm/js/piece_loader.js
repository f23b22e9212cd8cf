// Loads the pieces of the split wasm pack by pack: each pack is one module holding its
// pieces (merged at build time), fetched, compiled and instantiated once, however many of
// its pieces the page asks for. Prepended to wasm-split's loader, whose fetchers it
// replaces; which pack holds each piece ({piece: pack}), the route table and the public
// URL's length are filled in by tools/split_wasm.
const __where = __WHERE__;
const __compiled = new Map();
const __instances = new Map();
// A failed download is never kept: the next use asks the network again (a page or
// dialog that could not load offline opens once the connection is back).
function __forgetOnFailure(map, key, promise) {
  promise.catch(() => {
    if (map.get(key) === promise) map.delete(key);
  });
  map.set(key, promise);
  return promise;
}
// Streaming compiles while the bytes arrive, and lets the browser keep the compiled code
// in its cache for the next visit (the packs' names follow their content).
async function __compileResponse(pack) {
  const r = await fetch(new URL("./" + pack, import.meta.url));
  if (!r.ok) throw new Error(`${pack}: HTTP ${r.status}`);
  if (WebAssembly.compileStreaming && (r.headers.get("Content-Type") || "").startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(r);
  }
  return WebAssembly.compile(await r.arrayBuffer());
}
function __compile(pack) {
  return __compiled.get(pack) ?? __forgetOnFailure(__compiled, pack, __compileResponse(pack));
}
// The imports every piece shares (memory, table, stack pointer) under the name the merged
// pack imports them by.
function __instance(pack, imports) {
  return __instances.get(pack) ?? __forgetOnFailure(__instances, pack,
    __compile(pack).then((m) => WebAssembly.instantiate(m, { split_shared: imports.__wasm_split })));
}
function __fetcher(name) {
  const pack = __where[name];
  return () => {
    __compile(pack).catch(() => {});
    return (imports) => __instance(pack, imports);
  };
}
// The current page's packs compile as soon as they arrive, beside the main module,
// instead of one after the other once the page asks for them.
for (const pack of matchRoute(__ROUTES__, location.pathname.slice(__BASE_LEN__))) {
  __compile(pack).catch(() => {});
}
