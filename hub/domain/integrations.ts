// Integration operations for the admin console: set one up (its secret is returned this once), change what it may
// do, enable or disable it, give it a new secret, delete it. Each change is written durably and audited.
import { randomBytes } from 'node:crypto';
import type { IntegrationChange, IntegrationSummary, NewIntegration } from '../../shared/integrations.ts';
import { MODE_CATALOGUE } from '../../shared/modes.ts';
import type { Site } from '../../shared/model.ts';
import { scopeName } from '../../shared/scope-names.ts';
import { ApiError } from '../api-error.ts';
import { newBearerKey, newSigningSecret } from '../integrations/integration-secrets.ts';
import type { AuditLog } from '../store/audit-log.ts';
import type { IntegrationsData, IntegrationsFile, StoredIntegration } from '../store/integrations-file.ts';
import { StorageError } from '../store/json-document.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { auditRecorder } from './change-kit.ts';
import { checkScope } from './modes.ts';

export interface IntegrationOperationsDeps {
  file: IntegrationsFile;
  store: Store;
  audit: AuditLog;
  now?: () => Date;
  logError?: (message: string) => void;
}

/** What the admin console may see of an integration: never its secret or its key's hash. */
export function integrationSummary({ signingSecret: _secret, keyHash: _hash, ...summary }: StoredIntegration): IntegrationSummary {
  return summary;
}

/** Its powers in words, for the audit log: "may start Lockdown, Hold · Whole school · drills only · from 10.0.0.0/8". */
function powersInWords(integration: Pick<StoredIntegration, 'modes' | 'ceiling' | 'drillOnly' | 'allowedAddresses'>, site: Site): string {
  const modes = integration.modes.length > 0 ? `may start ${integration.modes.map((mode) => MODE_CATALOGUE[mode].text.en.name).join(', ')}` : 'may start no mode';
  const addresses = integration.allowedAddresses.length > 0 ? `from ${integration.allowedAddresses.join(', ')}` : 'from any address';
  return [modes, scopeName(integration.ceiling, site), integration.drillOnly ? 'drills only' : 'drills and real events', addresses].join(' · ');
}

/** Names are how the audit log and the consoles tell integrations apart, so no two may look alike. */
function refuseTakenName(integrations: readonly StoredIntegration[], name: string, exceptId?: string): void {
  const taken = integrations.some((i) => i.id !== exceptId && i.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new ApiError('conflict', `An integration is already called "${name}"; choose another name.`);
}

/** Outbound messages are signed with the integration's secret: a bearer integration has none the hub keeps. */
function refuseUnsignedOutbound(auth: StoredIntegration['auth'], outboundUrl: string | null): void {
  if (outboundUrl && auth !== 'signature') throw new ApiError('bad_request', 'Outbound webhooks are signed with the integration’s secret: only an integration that signs its events can have one.');
}

function existing(integrations: readonly StoredIntegration[], id: string): StoredIntegration {
  const integration = integrations.find((i) => i.id === id);
  if (!integration) throw new ApiError('not_found', `There is no integration "${id}".`);
  return integration;
}

/** A new secret of the integration's kind: the one to show, and what is stored of it. */
function newSecret(auth: StoredIntegration['auth']): { secret: string; stored: Pick<StoredIntegration, 'signingSecret' | 'keyHash'> } {
  if (auth === 'signature') {
    const secret = newSigningSecret();
    return { secret, stored: { signingSecret: secret } };
  }
  const { key, keyHash } = newBearerKey();
  return { secret: key, stored: { keyHash } };
}

export function createIntegrationOperations({ file, store, audit, now = () => new Date(), logError = console.error }: IntegrationOperationsDeps) {
  const record = auditRecorder(audit, now, logError);
  const write = async <T>(mutate: (draft: IntegrationsData) => T): Promise<T> => {
    try {
      return await file.update(mutate);
    } catch (error) {
      if (error instanceof StorageError) throw new ApiError('storage_failed', 'The change to the integrations could not be saved, so it was not made.');
      throw error;
    }
  };

  return {
    list(): IntegrationSummary[] {
      return file.data.integrations.map(integrationSummary).sort((a, b) => a.name.localeCompare(b.name));
    },

    async create(request: NewIntegration, actor: Actor): Promise<{ integration: IntegrationSummary; secret: string }> {
      checkScope(request.ceiling, store.data.site);
      refuseUnsignedOutbound(request.auth, request.outboundUrl ?? null);
      const at = now().toISOString();
      const { secret, stored } = newSecret(request.auth);
      const integration: StoredIntegration = {
        id: randomBytes(6).toString('hex'),
        ...request,
        outboundUrl: request.outboundUrl ?? null,
        ...stored,
        enabled: true,
        createdAt: at,
        createdBy: actor.username,
        secretCreatedAt: at,
        lastUsedAt: null,
      };
      await write((draft) => {
        refuseTakenName(draft.integrations, integration.name);
        draft.integrations.push(integration);
      });
      await record(actor, 'integration.created', `${integration.name} (${integration.auth}): ${powersInWords(integration, store.data.site)}`);
      return { integration: integrationSummary(integration), secret };
    },

    async change(id: string, change: IntegrationChange, actor: Actor): Promise<IntegrationSummary> {
      if (change.ceiling) checkScope(change.ceiling, store.data.site);
      const [before, after] = await write((draft) => {
        const integration = existing(draft.integrations, id);
        if (change.name !== undefined) refuseTakenName(draft.integrations, change.name, id);
        const old = { ...integration };
        if (change.outboundUrl !== undefined) refuseUnsignedOutbound(integration.auth, change.outboundUrl);
        Object.assign(integration, change);
        return [old, { ...integration }];
      });
      const parts = [
        before.name !== after.name && `renamed from ${before.name}`,
        before.enabled !== after.enabled && (after.enabled ? 'enabled' : 'disabled'),
        before.outboundUrl !== after.outboundUrl && (after.outboundUrl ? `tells ${after.outboundUrl} of every change` : 'tells no one of changes'),
        powersInWords(before, store.data.site) !== powersInWords(after, store.data.site) && powersInWords(after, store.data.site),
      ].filter((part) => typeof part === 'string');
      await record(actor, 'integration.updated', `${after.name}: ${parts.join('; ') || 'unchanged'}`);
      return integrationSummary(after);
    },

    /** The old secret stops working at once: the sender must be given the new one. */
    async newSecret(id: string, actor: Actor): Promise<{ integration: IntegrationSummary; secret: string }> {
      const { secret, integration } = await write((draft) => {
        const integration = existing(draft.integrations, id);
        const made = newSecret(integration.auth);
        delete integration.signingSecret;
        delete integration.keyHash;
        Object.assign(integration, made.stored, { secretCreatedAt: now().toISOString() });
        return { secret: made.secret, integration: { ...integration } };
      });
      await record(actor, 'integration.secret-replaced', integration.name);
      return { integration: integrationSummary(integration), secret };
    },

    async remove(id: string, actor: Actor): Promise<void> {
      const removed = await write((draft) => {
        const integration = existing(draft.integrations, id);
        draft.integrations = draft.integrations.filter((i) => i !== integration);
        draft.seenEvents = draft.seenEvents.filter((event) => event.integrationId !== id);
        return integration;
      });
      await record(actor, 'integration.deleted', removed.name);
    },
  };
}

export type IntegrationOperations = ReturnType<typeof createIntegrationOperations>;
