// usage: node seed.mjs SANDBOX_URL TOKEN
// Creates, through the sandbox's API, an owner "Anchors 1000" with the anchors' 1,000 lock groups (titles
// "Lock group #1".."Lock group #1000", descriptions as in the anchors' bench/server.mjs), in order, and prints
// `OWNER_ID FIRST_GROUP_ID` (the id of "Lock group #1").
const [base, token] = process.argv.slice(2);
const api = async (method, path, body) => {
  const r = await fetch(`${base}/api/v1${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
};
const owner = await api('PUT', '/Owners', { name: 'Anchors 1000' });
let first;
for (let i = 0; i < 1000; i++) {
  const g = await api('PUT', `/Owners/${owner.id}/LockGroups`, {
    title: `Lock group #${i + 1}`,
    description: `Doors and locks for building ${String.fromCharCode(65 + (i % 26))}, floor ${i % 40}`,
  });
  first ??= g.id;
}
console.log(owner.id, first);
