// integrations.json: the integrations (panic buttons, mass notification) and the ids of the events they sent lately.
// A file of its own, written durably like the mode state, so an event never rewrites the site.
import { join } from 'node:path';
import { z } from 'zod';
import { IntegrationAuthSchema, IntegrationNameSchema } from '../../shared/integrations.ts';
import { EmergencyModeSchema, ScopeSchema } from '../../shared/model.ts';
import { openJsonDocument, type JsonDocument } from './json-document.ts';

export const INTEGRATIONS_FILE = 'integrations.json';

export const StoredIntegrationSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{12}$/),
  name: IntegrationNameSchema,
  auth: IntegrationAuthSchema,
  /**
   * A signing integration's "whsec_…" secret. Checking an HMAC takes the key itself, so it is kept as it is: this
   * file, like the TLS authority's key, is readable only by the hub's user (0600) and belongs in no one's inbox.
   */
  signingSecret: z.string().startsWith('whsec_').optional(),
  /** A bearer integration's key, as a SHA-256 (hex): a copy of the file does not let anyone send events. */
  keyHash: z.string().regex(/^[a-f0-9]{64}$/).optional(),
  modes: z.array(EmergencyModeSchema),
  ceiling: ScopeSchema,
  drillOnly: z.boolean(),
  allowedAddresses: z.array(z.string()),
  /** Outbound webhooks (hub/integrations/outbox.ts); files from before them have none. */
  outboundUrl: z.string().nullable().default(null),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  secretCreatedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type StoredIntegration = z.infer<typeof StoredIntegrationSchema>;

/** An event an integration sent that the hub acted on, with its answer, so a retry gets the same answer. */
export const SeenEventSchema = z.object({
  integrationId: z.string(),
  eventId: z.string(),
  /** SHA-256 (hex) of the body: the same id with another body is a sender's mistake, refused. */
  bodyHash: z.string(),
  at: z.iso.datetime(),
  answer: z.record(z.string(), z.unknown()),
});
export type SeenEvent = z.infer<typeof SeenEventSchema>;

export const IntegrationsDataSchema = z.object({
  schemaVersion: z.literal(1),
  integrations: z.array(StoredIntegrationSchema),
  /** Oldest first; kept for a day and at most MAX_SEEN_EVENTS (hub/integrations/seen-events.ts). */
  seenEvents: z.array(SeenEventSchema),
});
export type IntegrationsData = z.infer<typeof IntegrationsDataSchema>;

export type IntegrationsFile = JsonDocument<IntegrationsData>;

export function openIntegrationsFile(dataDir: string): Promise<IntegrationsFile> {
  return openJsonDocument(join(dataDir, INTEGRATIONS_FILE), IntegrationsDataSchema, () => ({ schemaVersion: 1 as const, integrations: [], seenEvents: [] }));
}
