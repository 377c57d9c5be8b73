// Outbound webhooks: every mode start, All Clear and hazard change is told to each enabled signing integration that
// has an outbound address, signed the Standard Webhooks way with its secret. Each message is written to outbox.json
// (durably, like the mode state) before it is sent, and sent again with a growing delay until the receiver takes it
// (2xx) or a day has passed; a hub killed meanwhile sends what is left when it starts again. None of this is on the
// safety path: the screens have their change before the outbox hears of it, and a receiver that is down or slow never
// holds anything up. A change the hub had made but not yet written here when it was killed is made up for at start:
// a `state` message with the modes as they are.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { ActiveMode, Hazards, ModeState, Scope } from '../../shared/model.ts';
import { openJsonDocument, type JsonDocument } from '../store/json-document.ts';
import type { IntegrationsFile, StoredIntegration } from '../store/integrations-file.ts';
import { webhookSignature } from './webhook-signature.ts';

export const OUTBOX_FILE = 'outbox.json';
/** Delays between attempts, then the last one again until a day has passed since the message was made. */
const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
const GIVE_UP_AFTER_MS = 24 * 3600_000;
const SEND_TIMEOUT_MS = 10_000;
/** Finished messages (delivered or given up) kept for the delivery log. */
const KEEP_FINISHED = 200;

const MessageSchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  url: z.string(),
  type: z.enum(['mode.started', 'mode.all-clear', 'hazards.changed', 'state']),
  seq: z.number(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  attempts: z.number(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  gaveUpAt: z.iso.datetime().nullable(),
});
export type OutboxMessage = z.infer<typeof MessageSchema>;

const OutboxSchema = z.object({
  schemaVersion: z.literal(1),
  /** The last mode-state seq written to the outbox for a receiver: a higher one in the store at start was never told. */
  toldSeq: z.number(),
  messages: z.array(MessageSchema),
});
type OutboxData = z.infer<typeof OutboxSchema>;

export type ModesChange = { kind: 'set'; active: ActiveMode } | { kind: 'clear'; seq: number; scope: Scope; drill: boolean; cleared: number[] } | { kind: 'hazards'; seq: number; hazards: Hazards };

export interface OutboxDeps {
  dataDir: string;
  integrations: IntegrationsFile;
  modeState: () => ModeState;
  now?: () => Date;
  logError?: (message: string) => void;
  /** For the tests: sends with this instead of fetch. */
  fetch?: typeof fetch;
}

export async function openOutbox({ dataDir, integrations, modeState, now = () => new Date(), logError = console.error, fetch: send = fetch }: OutboxDeps) {
  const file: JsonDocument<OutboxData> = await openJsonDocument(join(dataDir, OUTBOX_FILE), OutboxSchema, () => ({ schemaVersion: 1 as const, toldSeq: modeState().seq, messages: [] }));
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const sending = new Set<string>();
  const inFlight = new Set<Promise<void>>();

  const receivers = (): StoredIntegration[] => integrations.data.integrations.filter((i) => i.enabled && i.auth === 'signature' && i.outboundUrl);

  async function enqueue(type: OutboxMessage['type'], seq: number, data: Record<string, unknown>): Promise<void> {
    const at = now();
    const targets = receivers();
    // Most schools have no receiver: no write at all then (a Lockdown must not wait behind one on the disk).
    if (targets.length === 0) return;
    await file.update((draft) => {
      draft.toldSeq = Math.max(draft.toldSeq, seq);
      for (const integration of targets) {
        const id = `msg_${randomUUID()}`;
        draft.messages.push({
          id,
          integrationId: integration.id,
          url: integration.outboundUrl!,
          type,
          seq,
          body: JSON.stringify({ id, type, seq, at: at.toISOString(), data }),
          createdAt: at.toISOString(),
          attempts: 0,
          nextAttemptAt: at.toISOString(),
          lastError: null,
          deliveredAt: null,
          gaveUpAt: null,
        });
      }
    });
    schedule();
  }

  /** Sends every message that is due, then sleeps until the next one is. */
  function schedule(): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const pending = file.data.messages.filter((m) => m.deliveredAt === null && m.gaveUpAt === null && !sending.has(m.id));
    if (pending.length === 0) return;
    const nowMs = now().getTime();
    for (const message of pending) {
      if (Date.parse(message.nextAttemptAt!) > nowMs) continue;
      const running = attempt(message);
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    }
    const next = Math.min(...pending.filter((m) => !sending.has(m.id)).map((m) => Date.parse(m.nextAttemptAt!)));
    if (Number.isFinite(next)) {
      timer = setTimeout(schedule, Math.max(50, next - nowMs));
      timer.unref();
    }
  }

  async function attempt(message: OutboxMessage): Promise<void> {
    sending.add(message.id);
    const integration = integrations.data.integrations.find((i) => i.id === message.integrationId);
    let error: string | null = null;
    if (!integration?.signingSecret) error = 'the integration is gone or no longer signs';
    else {
      const timestamp = String(Math.floor(now().getTime() / 1000));
      try {
        const response = await send(message.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'webhook-id': message.id, 'webhook-timestamp': timestamp, 'webhook-signature': webhookSignature(message.id, timestamp, message.body, integration.signingSecret) },
          body: message.body,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
          redirect: 'manual',
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
      } catch (failure) {
        error = (failure as Error).cause instanceof Error ? ((failure as Error).cause as Error).message : (failure as Error).message;
      }
    }
    const at = now();
    try {
      await file.update((draft) => {
        const stored = draft.messages.find((m) => m.id === message.id);
        if (!stored) return;
        stored.attempts += 1;
        stored.lastError = error;
        if (error === null) {
          stored.deliveredAt = at.toISOString();
          stored.nextAttemptAt = null;
        } else if (at.getTime() - Date.parse(stored.createdAt) >= GIVE_UP_AFTER_MS || !integration) {
          stored.gaveUpAt = at.toISOString();
          stored.nextAttemptAt = null;
        } else {
          stored.nextAttemptAt = new Date(at.getTime() + RETRY_DELAYS_MS[Math.min(stored.attempts - 1, RETRY_DELAYS_MS.length - 1)]!).toISOString();
        }
        // The log keeps the latest finished messages; pending ones are never dropped.
        const finished = draft.messages.filter((m) => m.deliveredAt !== null || m.gaveUpAt !== null);
        if (finished.length > KEEP_FINISHED) {
          const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED).map((m) => m.id));
          draft.messages = draft.messages.filter((m) => !drop.has(m.id));
        }
      });
    } catch (failure) {
      logError(`Outbound webhook ${message.id}: its state could not be saved: ${(failure as Error).message}`);
    } finally {
      sending.delete(message.id);
      schedule();
    }
  }

  // A change made but not told before the hub stopped (or before there was anyone to tell): the receivers get the
  // modes as they are now.
  const state = modeState();
  if (state.seq > file.data.toldSeq) await enqueue('state', state.seq, { modes: state.modes, hazards: state.hazards });
  schedule();

  return {
    /** After a change has reached the screens: a message to each receiver. Never throws (logged instead). */
    changed(change: ModesChange): void {
      const written =
        change.kind === 'set'
          ? enqueue('mode.started', change.active.seq, { mode: change.active })
          : change.kind === 'clear'
            ? enqueue('mode.all-clear', change.seq, { scope: change.scope, drill: change.drill, ended: change.cleared })
            : enqueue('hazards.changed', change.seq, { hazards: change.hazards });
      written.catch((error: Error) => logError(`OUTBOX WRITE FAILED (seq ${change.kind === 'set' ? change.active.seq : change.seq}): ${error.message}`));
    },

    /** The latest messages of an integration, newest first, for its delivery log. */
    deliveries(integrationId: string): OutboxMessage[] {
      return file.data.messages.filter((m) => m.integrationId === integrationId).reverse();
    },

    /** Sends nothing more; resolves once the attempts under way have been recorded. */
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type Outbox = Awaited<ReturnType<typeof openOutbox>>;
