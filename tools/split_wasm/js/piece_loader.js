// Fetches a piece out of its pack (one request per pack, however many pieces it holds).
// Prepended to wasm-split's loader, whose fetchers it replaces; where each piece is
// ({piece: [pack, start, end]}), the route table and the public URL's length are filled in
// by tools/split_wasm.
const __where = __WHERE__;
const __packs = new Map();
const __compiled = new Map();
// A failed download is never kept: the next use asks the network again (a page or
// dialog that could not load offline opens once the connection is back).
function __forgetOnFailure(map, key, promise) {
  promise.catch(() => {
    if (map.get(key) === promise) map.delete(key);
  });
  map.set(key, promise);
  return promise;
}
function __pack(pack) {
  return __packs.get(pack) ?? __forgetOnFailure(__packs, pack,
    fetch(new URL("./" + pack, import.meta.url)).then((r) => {
      if (!r.ok) throw new Error(`${pack}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }));
}
function __compile(name) {
  const [pack, start, end] = __where[name];
  return __compiled.get(name) ?? __forgetOnFailure(__compiled, name,
    __pack(pack).then((b) => WebAssembly.compile(b.slice(start, end))));
}
function __fetcher(name) {
  return () => {
    const compiled = __compile(name);
    compiled.catch(() => {});
    return async (imports) => WebAssembly.instantiate(await compiled, imports);
  };
}
// The current page's pieces compile as soon as their packs arrive, beside the main
// module, instead of one after the other once the page asks for them.
{
  const packs = matchRoute(__ROUTES__, location.pathname.slice(__BASE_LEN__));
  for (const [name, [pack]] of Object.entries(__where)) {
    if (packs.includes(pack)) __compile(name).catch(() => {});
  }
}
