// The packs a path's first screen needs. `table`: [[pattern, [pack, …]], …] (the route
// table, src/pages/routes.json, as the splitter resolved it); `path`: the location's path
// without the public URL. Shared by the route preloads and the piece loader.
function matchRoute(table, path) {
  const found = table.find(([pattern]) => new RegExp(pattern).test(path));
  return found ? found[1] : [];
}
