// First thing in the page (a classic async script runs as soon as it arrives, without
// waiting for the modules): the current page's packs download beside the main wasm, never
// after it. The route table and the public URL are filled in by tools/split_wasm.
(() => {
  const base = __BASE__;
  for (const file of matchRoute(__ROUTES__, location.pathname.slice(base.length))) {
    const link = document.createElement("link");
    link.rel = "preload"; link.as = "fetch"; link.crossOrigin = "anonymous";
    link.href = base + file;
    document.head.append(link);
  }
})();
