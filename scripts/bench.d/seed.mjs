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
// With MEMBERS=N in the environment (and the sandbox started with --demo-scale 1000), also gives owner
// "Scale 1000"'s group "Scale Group 000001" N memberships of its locks (a Members tab with a screenful of rows)
// and prints `SCALE_OWNER_ID GROUP_ID` on a second line.
const members = Number(process.env.MEMBERS || 0);
if (members) {
  const scale = (await api('GET', '/Owners')).find(o => o.name === 'Scale 1000');
  if (!scale) throw new Error('no owner "Scale 1000": start the sandbox with --demo-scale 1000');
  const [group] = await api('GET', `/Owners/${scale.id}/LockGroups?$filter=title eq 'Scale Group 000001'`);
  const locks = await api('GET', `/Owners/${scale.id}/BoundLocks?$top=${members + 2}&$orderby=title`);
  for (const lock of locks.slice(2, members + 2)) {
    await api('PUT', `/Owners/${scale.id}/LockGroups/${group.id}/Memberships`, { boundLockId: lock.id });
  }
  console.log(scale.id, group.id);
}
