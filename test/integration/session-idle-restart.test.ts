// Issue 11, F12: a hub restart must not revive a session that had gone idle. The hub keeps when each session was last
// used in session-activity.json; here the hub is stopped, the clock is "moved" by writing that file as it would be
// after a long idle spell, and the hub is started again on the same data.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_ACTIVITY_FILE } from '../../hub/store/session-activity.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
afterAll(async () => {
  await hub?.dispose();
});

describe('idle sessions across a restart', () => {
  it('a session used before the restart goes on; one idle for longer than the idle time stays ended', async () => {
    hub = await startTestHub({ overrides: { sessionIdleMinutes: 30 } });
    const busy = await hub.login('office');
    const idle = await hub.login('admin');
    expect((await hub.api('/api/session', { cookie: busy })).status).toBe(200);
    expect((await hub.api('/api/session', { cookie: idle })).status).toBe(200);

    // A restart at once: both sessions were just used, both go on.
    hub = await hub.restart();
    expect((await hub.api('/api/session', { cookie: busy })).status).toBe(200);
    expect((await hub.api('/api/session', { cookie: idle })).status).toBe(200);

    // Stopped; the admin's session was last used an hour ago (twice the idle time), the office's a minute ago.
    await hub.close();
    const path = join(hub.dataDir, SESSION_ACTIVITY_FILE);
    const activity = JSON.parse(await readFile(path, 'utf8')) as Record<string, number>;
    expect(Object.keys(activity)).toHaveLength(2);
    const key = (cookie: string) => createHash('sha256').update(cookie.split('=')[1]!).digest('base64url');
    activity[key(idle)] = Date.now() - 60 * 60_000;
    activity[key(busy)] = Date.now() - 60_000;
    await writeFile(path, JSON.stringify(activity));

    hub = await startTestHub({ dataDir: hub.dataDir, overrides: { sessionIdleMinutes: 30 } });
    const ended = await hub.api('/api/session', { cookie: idle });
    expect(ended.status).toBe(401);
    expect(ended.body.error.code).toBe('unauthenticated');
    expect((await hub.api('/api/session', { cookie: busy })).status).toBe(200);
  });
});
