// Integrations on the wire: what the admin console sends to set one up, what it gets back (never a secret, except
// once on creation and on "new secret"), and the JSON events a panic-button or mass-notification system sends in.
import { z } from 'zod';
import { AllClearRequestSchema, EmergencyModeSchema, HazardChangeSchema, ModeRequestSchema, ScopeSchema, type EmergencyModeId, type Scope } from './model.ts';

/**
 * How an integration proves its events are its own. `signature`: Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature, an HMAC-SHA256 with a "whsec_" secret), which also stops replays. `bearer`: an
 * `Authorization: Bearer <key>` header, for senders that cannot sign.
 */
export const INTEGRATION_AUTHS = ['signature', 'bearer'] as const;
export const IntegrationAuthSchema = z.enum(INTEGRATION_AUTHS, { error: 'choose signature or bearer' });
export type IntegrationAuth = z.infer<typeof IntegrationAuthSchema>;

/** Shown as "by <name> (integration)"; the active mode's `by` holds at most 64 characters. */
export const IntegrationNameSchema = z.string().trim().min(2, 'use at least 2 characters').max(60, 'use at most 60 characters');

/** One address (10.1.2.3, fd00::7) or a network in CIDR form (10.1.0.0/16, fd00::/8). */
export const AllowedAddressSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'use an IP address (10.1.2.3) or a network (10.1.0.0/16)',
});
export const MAX_ALLOWED_ADDRESSES = 50;

/** An http(s) address of at most 500 characters. */
export const OutboundUrlSchema = z.url({ protocol: /^https?$/, error: 'use an http:// or https:// address' }).max(500, 'use at most 500 characters');

const integrationFields = {
  name: IntegrationNameSchema,
  /** The emergency modes it may start. It may end (All Clear) only modes in this list. */
  modes: z.array(EmergencyModeSchema).max(5).refine((modes) => new Set(modes).size === modes.length, 'list each mode once'),
  /** The widest scope it may act on: the whole site, one building or one zone. */
  ceiling: ScopeSchema,
  /** It may only start and end drills, never a real event (a system being tested, a training set-up). */
  drillOnly: z.boolean({ error: 'drillOnly is true or false' }),
  /** Only requests from these addresses are taken; empty means any address. */
  allowedAddresses: z.array(AllowedAddressSchema).max(MAX_ALLOWED_ADDRESSES, `list at most ${MAX_ALLOWED_ADDRESSES} addresses`),
  /** Where Muster tells it of every mode start, All Clear and hazard change (signed with its secret); null: nowhere. */
  outboundUrl: OutboundUrlSchema.nullable().optional(),
};

/** No defaults: whoever sets up an integration chooses what it may do. */
export const NewIntegrationSchema = z.strictObject({ ...integrationFields, auth: IntegrationAuthSchema });
export type NewIntegration = z.infer<typeof NewIntegrationSchema>;

export const IntegrationChangeSchema = z
  .strictObject({
    name: integrationFields.name.optional(),
    modes: integrationFields.modes.optional(),
    ceiling: z.optional(integrationFields.ceiling),
    drillOnly: integrationFields.drillOnly.optional(),
    allowedAddresses: integrationFields.allowedAddresses.optional(),
    outboundUrl: integrationFields.outboundUrl,
    enabled: z.boolean({ error: 'enabled is true or false' }).optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'change at least one thing');
export type IntegrationChange = z.infer<typeof IntegrationChangeSchema>;

/** What anyone outside the hub may see of an integration: never its secret. */
export interface IntegrationSummary {
  id: string;
  name: string;
  auth: IntegrationAuth;
  modes: EmergencyModeId[];
  ceiling: Scope;
  drillOnly: boolean;
  allowedAddresses: string[];
  /** Where Muster tells it of every change (outbound webhooks); null: nowhere. */
  outboundUrl: string | null;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  /** When the current secret was made (on creation, or by "new secret"). */
  secretCreatedAt: string;
  /** The last event it sent that the hub accepted; null if none yet. */
  lastUsedAt: string | null;
}

/** Where an integration posts its events, relative to the hub's address. */
export const integrationEventsPath = (id: string) => `/api/integrations/${encodeURIComponent(id)}/events`;

/** The event's own id, for idempotency: the same id again gets the first answer and changes nothing. */
export const EventIdSchema = z.string().min(1, 'an event id is not empty').max(200, 'an event id has at most 200 characters');

const eventId = { id: EventIdSchema.optional() };

/** Start a mode: the same fields as the office console's request (mode, scope, drill, note, and the mode's details). */
const startFields = { type: z.literal('start'), ...eventId };
const [hold, secure, lockdown, evacuate, shelter] = ModeRequestSchema.def.options;
const StartEventSchema = z.discriminatedUnion('mode', [
  z.object({ ...hold.shape, ...startFields }),
  z.object({ ...secure.shape, ...startFields }),
  z.object({ ...lockdown.shape, ...startFields }),
  z.object({ ...evacuate.shape, ...startFields }),
  z.object({ ...shelter.shape, ...startFields }),
]);

/** End the modes inside a scope, as the console's All Clear does (a drill All Clear ends only drills). */
const AllClearEventSchema = z.object({ type: z.literal('all-clear'), ...eventId, ...AllClearRequestSchema.shape });

/** Mark (blocked: true) or clear hazard areas and blocked exits, as the console's hazard panel does. */
const HazardEventSchema = z
  .object({ type: z.literal('hazard'), ...eventId, ...HazardChangeSchema.shape })
  .refine((change) => change.areaIds.length + change.exitPoiIds.length > 0, 'name at least one area or exit');

/** A test: it goes the whole way (key or signature, the integration's limits, the audit log) and changes no screen. */
const TestEventSchema = z.object({ type: z.literal('test'), ...eventId });

export const IntegrationEventSchema = z.discriminatedUnion('type', [StartEventSchema, AllClearEventSchema, HazardEventSchema, TestEventSchema]);

/** What the admin console's "Send test" found: each step of the path, and how long the whole took. */
export interface IntegrationTestResult {
  ok: boolean;
  steps: { step: string; ok: boolean; detail: string }[];
  ms: number;
}
export type IntegrationEvent = z.infer<typeof IntegrationEventSchema>;

/** One message Muster sent an integration (outbound webhooks), as its delivery log shows it. */
export interface IntegrationDelivery {
  id: string;
  type: 'mode.started' | 'mode.all-clear' | 'hazards.changed' | 'state';
  seq: number;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  gaveUpAt: string | null;
}
