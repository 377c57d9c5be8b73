// A process that only writes the store, for the store's kill test: it opens the store in the data directory given,
// then changes it as fast as it can, printing each change it has been told is on disk. Every other change touches two
// parts at once (the users and the sessions, as a password change does) and puts the same count in both.
import { seedData } from '../../hub/store/seed.ts';
import { openStore } from '../../hub/store/store.ts';

const dataDir = process.argv[2]!;
const store = await openStore(dataDir, () => seedData({ siteFile: 'config/demo-school.json', wayfindingFile: 'config/demo-wayfinding.json' }));
const start = Number(store.data.users.find((u) => u.username === 'writer')?.passwordHash.slice('count-'.length) ?? 0);
for (let count = start + 1; ; count++) {
  if (count % 2 === 0) {
    await store.update((draft) => void (draft.content = { revision: count, slides: [] }));
  } else {
    await store.update((draft) => {
      draft.users = [{ username: 'writer', role: 'admin', passwordHash: `count-${count}`, disabled: false, createdAt: '2026-01-01T00:00:00.000Z' }];
      draft.sessions = [{ idHash: `count-${count}`, username: 'writer', createdAt: '2026-01-01T00:00:00.000Z' }];
    });
  }
  process.stdout.write(`${count}\n`);
}
