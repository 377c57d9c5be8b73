// Bad input from integrations (issue 13): 2,000 malformed CAP and JSON bodies, from an authenticated integration (so
// they get past the key and reach the parsers), eight at a time. None may get a 5xx; only the few a mutation left
// valid may change anything; and afterwards the hub still serves: a valid alert still starts its mode. The bodies come from a seeded generator:
// a failure names the seed and the body, and the run repeats exactly.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capAlert, srpInfo } from '../helpers/cap-messages.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { mulberry32 } from '../helpers/seeded-random.ts';

let hub: TestHub;
let integration: { id: string; key: string };
let office: string;

beforeAll(async () => {
  hub = await startTestHub();
  const admin = await hub.login('admin');
  office = await hub.login('office');
  const { body } = await hub.api('/api/integrations', {
    cookie: admin,
    body: { name: 'Fuzzer', auth: 'bearer', modes: ['lockdown', 'hold', 'shelter', 'evacuate', 'secure'], ceiling: { kind: 'site' }, drillOnly: true, allowedAddresses: [] },
  });
  integration = { id: body.integration.id, key: body.secret };
});
afterAll(async () => {
  await hub?.dispose();
});

const VALID_CAP = capAlert({ identifier: 'FUZZ-0', sender: 'fuzz@example.org', status: 'Exercise', info: srpInfo('LOCKDOWN') });
const VALID_JSON = JSON.stringify({ id: 'fuzz-0', type: 'start', mode: 'lockdown', scope: { kind: 'site' }, drill: true, note: 'fuzz' });

const NASTY = ['<', '>', '&', '&amp', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<!--', '<?xml?>', '"', "'", '\u0000', '\uFFFF', '\uD800', '💥', '\\', '{', '}', '[', ']', ':', 'null', 'NaN', '1e999', '-0', '<!DOCTYPE a>', '<!ENTITY x "y">', '&x;', 'xmlns:cap="x"'];

function mutate(base: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const at = () => Math.floor(next() * base.length);
  switch (Math.floor(next() * 10)) {
    case 0: // cut short
      return base.slice(0, at());
    case 1: // a stretch dropped
      return ((i) => base.slice(0, i) + base.slice(i + 1 + Math.floor(next() * 40)))(at());
    case 2: // something nasty put in
      return ((i) => base.slice(0, i) + pick(NASTY) + base.slice(i))(at());
    case 3: // a few characters flipped
      return [...base].map((c) => (next() < 0.02 ? String.fromCharCode(Math.floor(next() * 0x7f)) : c)).join('');
    case 4: // a stretch repeated many times
      return ((i) => base.slice(0, i) + base.slice(i, i + 30).repeat(1 + Math.floor(next() * 200)) + base.slice(i))(at());
    case 5: // deep nesting
      return `${'<a>'.repeat(2000)}${'</a>'.repeat(Math.floor(next() * 2000))}`;
    case 6: // an element's text replaced (well-formed, often invalid CAP or a wrong JSON type)
      return base.replace(/>([^<>\n]{1,40})</, () => `>${pick(NASTY)}${pick(NASTY)}<`).replace(/"(lockdown|site|start)"/, () => JSON.stringify(pick(NASTY)));
    case 7: // random bytes
      return Array.from({ length: Math.floor(next() * 300) }, () => String.fromCharCode(Math.floor(next() * 0xffff))).join('');
    case 8: // the other format
      return base.startsWith('<') ? VALID_JSON : VALID_CAP;
    default: // empty, or whitespace
      return pick(['', ' ', '\n\n', '<', '{', 'null', '[]', '<alert/>', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>']);
  }
}

it('answers 2,000 malformed CAP and JSON bodies without a 5xx, and keeps serving', { timeout: 360_000 }, async () => {
  const seed = Number(process.env.MUSTER_FUZZ_SEED ?? 20261126);
  const next = mulberry32(seed);
  const seqBefore = (await hub.api('/api/state', { cookie: office })).body.state.seq;
  const bodies = Array.from({ length: 2000 }, (_, i) => {
    const cap = i % 2 === 0;
    return { cap, body: mutate(cap ? VALID_CAP : VALID_JSON, next) };
  });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let start = 0; start < bodies.length; start += 8) {
    await Promise.all(
      bodies.slice(start, start + 8).map(async ({ cap, body }, j) => {
        const response = await fetch(`${hub.origin}/api/integrations/${integration.id}/${cap ? 'cap' : 'events'}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${integration.key}`, 'Content-Type': cap ? 'application/cap+xml' : 'application/json' },
          body,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`seed ${seed}, body ${start + j} (${cap ? 'CAP' : 'JSON'}) got ${response.status}: ${JSON.stringify(body.slice(0, 200))}`);
      }),
    );
  }
  expect(failures).toEqual([]);
  // Nearly all refused; the few a mutation left valid (a character added to the note, say) were taken, as they should be.
  const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, n]) => sum + n, 0);
  expect(refused, JSON.stringify([...statuses])).toBeGreaterThan(1900);
  const taken = statuses.get(200) ?? 0;
  expect(refused + taken).toBe(2000);
  expect((await hub.api('/api/state', { cookie: office })).body.state.seq).toBeLessThanOrEqual(seqBefore + taken);

  // Still serving, and still acting on a good alert.
  expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200);
  const good = await fetch(`${hub.origin}/api/integrations/${integration.id}/cap`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${integration.key}`, 'Content-Type': 'application/cap+xml' },
    body: VALID_CAP.replace('FUZZ-0', 'FUZZ-GOOD'),
  });
  expect(good.status, await good.text()).toBe(200);
  expect((await hub.api('/api/state', { cookie: office })).body.state.modes).toMatchObject([{ mode: 'lockdown', drill: true, by: 'Fuzzer' }]);
});
