// Events from integrations (panic buttons, mass notification): authenticate (Standard Webhooks signature or bearer
// key), check what the integration may do, then run the same domain operation as the office console with the
// integration as the actor. Idempotent on the event id. Every refusal is audited and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { IntegrationEventSchema, type IntegrationEvent, type IntegrationTestResult } from '../../shared/integrations.ts';
import { MODE_CATALOGUE, scopeCovers } from '../../shared/modes.ts';
import type { ActiveMode, Scope, Site } from '../../shared/model.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { ApiError } from '../api-error.ts';
import type { Actor } from '../domain/actor.ts';
import type { HazardOperations } from '../domain/hazards.ts';
import type { ModeOperations } from '../domain/modes.ts';
import type { AuditEntry, AuditLog } from '../store/audit-log.ts';
import type { IntegrationsFile, StoredIntegration } from '../store/integrations-file.ts';
import type { Store } from '../store/store.ts';
import { addressAllowList } from './address-allow-list.ts';
import { bearerKeyMatches } from './integration-secrets.ts';
import { findSeenEvent, rememberEvent } from './seen-events.ts';
import { checkWebhookSignature, webhookSignature, type WebhookHeaders } from './webhook-signature.ts';
import { readCapAlert, type CapStatus } from './cap/cap-alert.ts';
import { capEventId, decideCap } from './cap/cap-mapping.ts';
import { checkCapMessage } from './cap/cap-validator.ts';

export interface InboundRequest {
  integrationId: string;
  /** The raw body, exactly as received: the signature covers its bytes. */
  body: string;
  webhook: WebhookHeaders;
  authorization: string | undefined;
  from: string;
  /** The admin console's test: a bearer key is not checked (only its hash is kept), nor the sender's address. */
  adminTest?: boolean;
}

export interface InboundAnswer {
  body: Record<string, unknown>;
  /** The event's id was seen before: this is the first answer again, and nothing changed. */
  replayed: boolean;
}

export interface InboundEventsDeps {
  file: IntegrationsFile;
  store: Store;
  modes: ModeOperations;
  hazards: HazardOperations;
  audit: AuditLog;
  now?: () => Date;
  logError?: (message: string) => void;
}

type Refusal = Pick<AuditEntry, 'mode' | 'scope' | 'drill'>;

/** The event in words for the audit log: "start Lockdown (drill) on Whole school". */
function eventInWords(event: IntegrationEvent, site: Site): string {
  const drill = (isDrill: boolean) => (isDrill ? ' (drill)' : ' (real)');
  if (event.type === 'start') return `start ${MODE_CATALOGUE[event.mode].text.en.name}${drill(event.drill)} on ${scopeName(event.scope, site)}`;
  if (event.type === 'all-clear') return `All Clear${drill(event.drill)} on ${scopeName(event.scope, site)}`;
  if (event.type === 'test') return 'test event (no screen changes)';
  return `${event.blocked ? 'mark' : 'clear'} hazards: ${[...event.areaIds, ...event.exitPoiIds].join(', ')}`;
}

const auditFieldsOf = (event: IntegrationEvent): Refusal =>
  event.type === 'start' ? { mode: event.mode, scope: event.scope, drill: event.drill } : event.type === 'all-clear' ? { scope: event.scope, drill: event.drill } : {};

export function createInboundEvents({ file, store, modes, hazards, audit, now = () => new Date(), logError = console.error }: InboundEventsDeps) {
  /** Events being acted on, by integration and event id: a second copy waits for the first and gets its answer. */
  const inFlight = new Map<string, Promise<unknown>>();

  const refuse = async (actor: Actor, code: 'unauthenticated' | 'forbidden' | 'bad_request' | 'invalid_json' | 'conflict' | 'payload_too_large' | 'unavailable', message: string, fields: Refusal = {}): Promise<never> => {
    await audit
      .append({ at: now().toISOString(), who: actor.username, role: 'integration', from: actor.from, action: 'integration.refused', ...fields, detail: `${code}: ${message}` })
      .catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for a refused integration event: ${error.message}`));
    throw new ApiError(code, message);
  };

  /** Proves the request comes from the integration; the event id it carries when signed. */
  const authenticate = async (integration: StoredIntegration, request: InboundRequest, actor: Actor): Promise<string | undefined> => {
    if (integration.auth === 'signature') {
      const check = checkWebhookSignature(request.webhook, request.body, integration.signingSecret!, now().getTime());
      if (!check.ok) return refuse(actor, 'unauthenticated', `This integration signs its events (Standard Webhooks): ${check.reason}.`);
      return check.id;
    }
    if (request.adminTest) return request.webhook.id;
    const [scheme, key] = (request.authorization ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !key || !bearerKeyMatches(key, integration.keyHash!)) {
      return refuse(actor, 'unauthenticated', 'Send the integration key as "Authorization: Bearer <key>"; it is missing or wrong.');
    }
    return request.webhook.id;
  };

  /** Why the integration may not do this, or null when it may. */
  const refusalOf = (integration: StoredIntegration, event: IntegrationEvent, site: Site): string | null => {
    const outside = (scope: Scope) =>
      scopeCovers(integration.ceiling, scope, site) ? null : `${scopeName(scope, site)} is outside what it may act on (${scopeName(integration.ceiling, site)})`;
    if (event.type === 'test') return null;
    if (event.type === 'hazard') {
      if (integration.drillOnly) return 'a drill-only integration may not mark or clear hazards: they have no drill flag and bend real routes';
      return hazardsOutside(integration.ceiling, event, store);
    }
    if (integration.drillOnly && !event.drill) return 'it may only run drills';
    if (event.type === 'start') {
      if (!integration.modes.includes(event.mode)) return `it may not start ${MODE_CATALOGUE[event.mode].text.en.name}`;
      return outside(event.scope);
    }
    // What it may end is asked in the All Clear itself (act).
    return outside(event.scope);
  };

  /** `byAdmin`: the admin console's "Send test", which is not the sender using the integration. */
  const act = async (integration: StoredIntegration, event: IntegrationEvent, eventId: string, bodyHash: string, actor: Actor, byAdmin: boolean): Promise<InboundAnswer> => {
    let result: Record<string, unknown>;
    try {
      if (event.type === 'start') {
        const { type: _type, id: _id, ...request } = event;
        const active = await modes.setMode(request, actor);
        result = { seq: active.seq, mode: active };
      } else if (event.type === 'all-clear') {
        // It may end only what it could have started, never an Evacuate the office started under its Lockdown.
        const mayEnd = (mode: ActiveMode) =>
          integration.modes.includes(mode.mode) ? null : `${eventInWords(event, store.data.site)}: it may not end ${MODE_CATALOGUE[mode.mode].text.en.name}, which it may not start.`;
        result = await modes.allClear({ scope: event.scope, drill: event.drill }, actor, mayEnd);
      } else if (event.type === 'test') {
        // The whole path but the change: in the audit log, so the office can see the test came through.
        await audit.append({ at: now().toISOString(), who: actor.username, role: 'integration', from: actor.from, action: 'integration.test', detail: `test event ${eventId}: received; no screen changed` });
        result = { screensChanged: false };
      } else {
        result = await hazards.change({ blocked: event.blocked, areaIds: event.areaIds, exitPoiIds: event.exitPoiIds }, actor);
      }
    } catch (error) {
      // The office sees in the audit log that an alarm came in and why nothing changed.
      if (error instanceof ApiError) {
        await audit
          .append({ at: now().toISOString(), who: actor.username, role: 'integration', from: actor.from, action: 'integration.refused', ...auditFieldsOf(event), detail: `${eventInWords(event, store.data.site)}: ${error.code}: ${error.message}` })
          .catch((failure: Error) => logError(`AUDIT LOG WRITE FAILED for a refused integration event: ${failure.message}`));
      }
      throw error;
    }
    const answer = { ok: true as const, id: eventId, type: event.type, ...result };
    const at = now();
    // After the change, never before: a crash in between must leave a retry free to make it, not refuse it.
    await file
      .update((draft) => {
        const stored = draft.integrations.find((i) => i.id === integration.id);
        if (stored && !byAdmin) stored.lastUsedAt = at.toISOString();
        rememberEvent(draft, { integrationId: integration.id, eventId, bodyHash, at: at.toISOString(), answer }, at.getTime());
      })
      .catch((error: Error) => logError(`Integration ${integration.name}: event ${eventId} was acted on but could not be recorded: ${error.message}`));
    return { body: answer, replayed: false };
  };

  /** The integration, proven and allowed to send now, or a refusal (audited). */
  const admit = async (request: InboundRequest): Promise<{ integration: StoredIntegration; actor: Actor; signedId: string | undefined }> => {
    const integration = file.data.integrations.find((i) => i.id === request.integrationId);
    if (!integration) {
      const who = `unknown integration ${request.integrationId.slice(0, 40)}`;
      return refuse({ username: who, role: 'integration', from: request.from }, 'unauthenticated', 'There is no such integration, or the key is wrong.');
    }
    const actor: Actor = { username: integration.name, role: 'integration', from: request.from };
    const signedId = await authenticate(integration, request, actor);
    if (!integration.enabled) return refuse(actor, 'forbidden', 'This integration is disabled; an administrator can enable it in the admin console.');
    if (!request.adminTest && !addressAllowList(integration.allowedAddresses)(request.from)) return refuse(actor, 'forbidden', `Events from ${request.from} are not accepted for this integration.`);
    return { integration, actor, signedId };
  };

  /** Once per event id: the first copy is acted on, a later one gets the first answer; the same id for another body is refused. */
  const once = async (integration: StoredIntegration, actor: Actor, event: IntegrationEvent, eventId: string, body: string, byAdmin = false): Promise<InboundAnswer> => {
    const key = `${integration.id}\n${eventId}`;
    while (inFlight.has(key)) await inFlight.get(key)!.catch(() => undefined);
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const seen = findSeenEvent(file.data, integration.id, eventId);
    if (seen) {
      if (seen.bodyHash !== bodyHash) return refuse(actor, 'conflict', `Event id "${eventId}" was already used for another event; give each event its own id.`, auditFieldsOf(event));
      return { body: seen.answer, replayed: true };
    }

    const refusal = refusalOf(integration, event, store.data.site);
    if (refusal) return refuse(actor, 'forbidden', `${eventInWords(event, store.data.site)}: ${refusal}.`, auditFieldsOf(event));

    const running = act(integration, event, eventId, bodyHash, actor, byAdmin);
    inFlight.set(key, running);
    try {
      return await running;
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    async receive(request: InboundRequest): Promise<InboundAnswer> {
      const { integration, actor, signedId } = await admit(request);

      let json: unknown;
      try {
        json = JSON.parse(request.body);
      } catch {
        return refuse(actor, 'invalid_json', 'The body is not JSON.');
      }
      const parsed = IntegrationEventSchema.safeParse(json);
      if (!parsed.success) return refuse(actor, 'bad_request', `The event is not one Muster knows: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}.`);
      const event = parsed.data;
      if (signedId !== undefined && event.id !== undefined && event.id !== signedId) {
        return refuse(actor, 'bad_request', 'The body\'s "id" differs from the webhook-id header; send one id.');
      }
      const eventId = signedId ?? event.id;
      if (eventId === undefined) return refuse(actor, 'bad_request', 'Give each event an id (the webhook-id header, or "id" in the body), so a retry is not taken for a new event.');
      return once(integration, actor, event, eventId, request.body, request.adminTest === true);
    },

    /**
     * The admin console's "Send test": a test event through the integration's path, signed with its secret when it
     * signs (which checks the secret and the signature code), through its limits and into the audit log, changing no
     * screen. What it could not check from here (a bearer key, the sender's address) is said, not passed over.
     */
    async test(integrationId: string, by: Actor): Promise<IntegrationTestResult> {
      const started = performance.now();
      const integration = file.data.integrations.find((i) => i.id === integrationId);
      if (!integration) throw new ApiError('not_found', 'There is no such integration.');
      const id = `test-${randomUUID()}`;
      const body = JSON.stringify({ type: 'test', id });
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const steps: IntegrationTestResult['steps'] = [];
      steps.push(
        integration.auth === 'signature'
          ? { step: 'Signature', ok: true, detail: 'signed with the secret Muster keeps, and checked as every event is' }
          : { step: 'Key', ok: true, detail: 'not checked here: Muster keeps only its hash. An event from the alarm system itself checks it.' },
      );
      try {
        await this.receive({
          integrationId,
          body,
          webhook: { id, timestamp, signature: integration.auth === 'signature' ? webhookSignature(id, timestamp, body, integration.signingSecret!) : undefined },
          authorization: undefined,
          from: by.from,
          adminTest: true,
        });
        steps.push({ step: 'Enabled and allowed', ok: true, detail: integration.allowedAddresses.length > 0 ? `the addresses it may send from (${integration.allowedAddresses.join(', ')}) apply to the alarm system, not to this test` : 'it may send from any address' });
        steps.push({ step: 'Audit log', ok: true, detail: `“Received a test event” by ${integration.name}` });
        steps.push({ step: 'Screens', ok: true, detail: 'no screen changed' });
        return { ok: true, steps, ms: Math.round(performance.now() - started) };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        steps.push({ step: error.code === 'unauthenticated' ? 'Signature' : 'Enabled and allowed', ok: false, detail: error.message });
        return { ok: false, steps, ms: Math.round(performance.now() - started) };
      }
    },

    /**
     * A CAP 1.2 message (cap/cap-mapping.ts says what each asks for). Checked against the schema off the event loop,
     * once the sender is proven: nobody else gets to make the hub parse XML. Idempotent on its sender and identifier.
     */
    async receiveCap(request: InboundRequest): Promise<CapReceipt> {
      const { integration, actor } = await admit(request);
      const check = await checkCapMessage(request.body);
      if (!check.ok) {
        const code = check.reason === 'too_large' ? 'payload_too_large' : check.reason === 'busy' ? 'unavailable' : 'bad_request';
        return refuse(actor, code, check.message);
      }
      const alert = readCapAlert(request.body);
      const answered = { sender: alert.sender, identifier: alert.identifier, sent: alert.sent, status: alert.status };
      const heard = `CAP ${alert.msgType} "${alert.infos[0]?.event ?? alert.identifier}" (${alert.status}) from ${alert.sender}`;
      const decision = decideCap(alert, {
        site: store.data.site,
        ceiling: integration.ceiling,
        startedBy: (sender, identifier) => {
          const started = findSeenEvent(file.data, integration.id, capEventId(sender, identifier))?.answer.mode as { scope: Scope; drill: boolean } | undefined;
          return started ? { scope: started.scope, drill: started.drill } : null;
        },
      });
      if (decision.kind !== 'act') {
        // Nothing changes on any screen; the office sees in the audit log that an alert came in, and why.
        const understood = decision.kind === 'acknowledge';
        await audit
          .append({ at: now().toISOString(), who: actor.username, role: 'integration', from: actor.from, action: understood ? 'integration.cap-received' : 'integration.refused', detail: `${heard}: ${understood ? decision.why : `alert received, not understood: ${decision.why}`}` })
          .catch((error: Error) => logError(`AUDIT LOG WRITE FAILED for a CAP message: ${error.message}`));
        if (!understood) throw new CapNotUnderstood(`Alert received, not understood: ${decision.why}.`, answered);
        return { answered, note: `Received: ${decision.why}.`, replayed: false };
      }
      const done = await once(integration, actor, decision.event, capEventId(alert.sender, alert.identifier), request.body);
      return { answered, note: `Done: ${eventInWords(decision.event, store.data.site)} (seq ${String(done.body.seq ?? '')}).`, replayed: done.replayed };
    },
  };
}

/** What a CAP message got: the message answered and the note of the Ack. */
export interface CapReceipt {
  answered: { sender: string; identifier: string; sent: string; status: CapStatus };
  note: string;
  replayed: boolean;
}

/** A valid CAP message Muster could not map to anything: answered with a CAP Error naming it (HTTP 422). */
export class CapNotUnderstood extends ApiError {
  constructor(
    message: string,
    readonly answered: CapReceipt['answered'],
  ) {
    super('not_understood', message);
  }
}

export type InboundEvents = ReturnType<typeof createInboundEvents>;

/**
 * Hazards are floor-plan areas and exits; an integration limited to a building may mark only those on its floors,
 * and one limited to a zone none (areas are not placed in zones). Ids not on the plans are left to the hazard
 * operation, which refuses them by name.
 */
function hazardsOutside(ceiling: Scope, event: Extract<IntegrationEvent, { type: 'hazard' }>, store: Store): string | null {
  if (ceiling.kind === 'site') return null;
  if (ceiling.kind === 'zone') return 'an integration limited to a zone may not mark or clear hazards';
  const floorsInside = new Set(store.data.site.buildings.find((b) => b.id === ceiling.buildingId)?.floors.map((f) => f.id) ?? []);
  const floorOf = new Map<string, string>();
  for (const floor of store.data.wayfinding.floors) {
    for (const area of floor.areas) floorOf.set(area.id, floor.floorId);
    for (const poi of floor.pois) floorOf.set(poi.id, floor.floorId);
  }
  const outside = [...event.areaIds, ...event.exitPoiIds].filter((id) => floorOf.has(id) && !floorsInside.has(floorOf.get(id)!));
  return outside.length > 0 ? `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside its building` : null;
}
