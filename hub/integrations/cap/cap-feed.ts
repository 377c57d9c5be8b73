// The CAP feed for subscribers: an integration reads the Atom feed of the school's recent alerts and each alert's CAP
// document with its secret as a bearer key, and sees only what lies within its ceiling (and only drills, when it is
// drill-only). Reads change nothing and are not audited: a subscriber polls every minute. What it reads is built once
// per change (the mode state's seq) and per reader's limits, from the audit log followed incrementally
// (cap-history.ts), so polling costs neither the safety path nor a read of years of history.
import { createHash, timingSafeEqual } from 'node:crypto';
import { scopeCovers, scopeKey } from '../../../shared/modes.ts';
import type { Scope, Site } from '../../../shared/model.ts';
import type { ModeWordings } from '../../../shared/mode-texts.ts';
import { scopeName } from '../../../shared/scope-names.ts';
import { ApiError } from '../../api-error.ts';
import { openAuditTail } from '../../store/audit-tail.ts';
import type { IntegrationsFile, StoredIntegration } from '../../store/integrations-file.ts';
import type { Store } from '../../store/store.ts';
import { addressAllowList } from '../address-allow-list.ts';
import { bearerKeyMatches } from '../integration-secrets.ts';
import { capAtomFeed } from './cap-atom-feed.ts';
import { capDocument } from './cap-document.ts';
import { capHistoryLine, createCapHistory, type AlertRecord, type EndedAlert } from './cap-history.ts';
import { capIdentifier, outboundCapMessage } from './cap-outbound-message.ts';

/** The feed lists the alerts of the last week, at most 50 (cap-history.ts keeps the 50 latest changes). */
export const FEED_DAYS = 7;
const FEED_MS = FEED_DAYS * 24 * 3600_000;
/** Views kept at once (one per ceiling, drill-only flag and hub address): a few in any school; a bound all the same. */
const MAX_VIEWS = 64;

export interface CapFeedDeps {
  dataDir: string;
  store: Store;
  integrations: IntegrationsFile;
  now?: () => Date;
}

/** What one reader may see: its ceiling, and drills only when it is drill-only. */
export interface CapReader {
  ceiling: Scope;
  drillOnly: boolean;
}

interface View {
  feed: string;
  etag: string;
  /** The documents it may fetch, by identifier: what its feed lists and every mode still active within its limits. */
  documents: Map<string, () => string>;
  /** When the oldest entry falls out of the week: the feed is built again then. */
  staleAt: number;
}

/** A signing secret compared in constant time: both sides hashed first, so their lengths say nothing either. */
function signingSecretMatches(key: string, secret: string): boolean {
  const given = createHash('sha256').update(key).digest();
  const stored = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, stored);
}

/**
 * The integration whose secret is presented as "Authorization: Bearer <secret>" (a bearer key, or a signing secret:
 * both are secrets only the integration holds), or null. Every integration is compared, each in constant time.
 */
export function integrationOfKey(integrations: readonly StoredIntegration[], authorization: string | undefined): StoredIntegration | null {
  const [scheme, key] = (authorization ?? '').split(' ', 2);
  if (scheme?.toLowerCase() !== 'bearer' || !key) return null;
  let found: StoredIntegration | null = null;
  for (const integration of integrations) {
    const matches = integration.signingSecret ? signingSecretMatches(key, integration.signingSecret) : integration.keyHash ? bearerKeyMatches(key, integration.keyHash) : false;
    if (matches) found ??= integration;
  }
  return found;
}

/** Whether a reader may see an alert on `scope`: one that overlaps its ceiling (inside it, or covering it). */
export function readerSees(reader: CapReader, scope: Scope, drill: boolean, site: Site): boolean {
  if (reader.drillOnly && !drill) return false;
  return scopeCovers(reader.ceiling, scope, site) || scopeCovers(scope, reader.ceiling, site);
}

/** A change as the reader gets it: with the alerts it references that the reader may see; null if it sees none of it. */
function asSeenBy(record: AlertRecord, reader: CapReader, site: Site): { record: AlertRecord; references: EndedAlert[] } | null {
  const sees = (alert: { scope: Scope; drill: boolean }) => readerSees(reader, alert.scope, alert.drill, site);
  if (record.kind === 'start') return sees(record) ? { record, references: record.replaces.filter(sees) } : null;
  // An All Clear says "these alerts are over": a reader that saw none of them has nothing to be told.
  const references = record.cancels.filter(sees);
  return references.length > 0 ? { record, references } : null;
}

export function createCapFeed({ dataDir, store, integrations, now = () => new Date() }: CapFeedDeps) {
  const history = createCapHistory({ tail: openAuditTail(dataDir, capHistoryLine), site: () => store.data.site });
  let seqRead = -1;
  let refreshing: Promise<void> | null = null;
  let views = new Map<string, View>();
  let viewsOf: { version: number; site: Site | null; wordings: ModeWordings | null } = { version: -1, site: null, wordings: null };

  /** Follows the audit log up to the mode state's seq; read again only once the seq has moved. */
  const upToDate = async (): Promise<void> => {
    // Twice at most: a read already under way when a change was made may have ended before its line.
    for (let round = 0; round < 2; round++) {
      const seq = store.data.modeState.seq;
      // A change's audit line lands just after the change: until it is read, the log is looked at again.
      if (seq === seqRead && history.lastSeq >= seq) return;
      refreshing ??= history
        .refresh()
        .then(() => {
          seqRead = seq;
        })
        .finally(() => {
          refreshing = null;
        });
      await refreshing;
    }
  };

  const build = (reader: CapReader, origin: string): View => {
    const { site, modeWordings: wordings } = store.data;
    const at = now().getTime();
    const seen = history
      .records()
      .map((record) => asSeenBy(record, reader, site))
      .filter((found) => found !== null);
    const documents = new Map<string, () => string>();
    for (const { record, references } of seen) {
      let document: string | null = null;
      documents.set(capIdentifier(site, record.seq), () => (document ??= capDocument(outboundCapMessage(record, references, { site, wordings }))));
    }
    const listed = seen.filter(({ record }) => at - Date.parse(record.at) < FEED_MS).reverse();
    const documentUrl = (seq: number) => `${origin}/api/cap/alerts/${encodeURIComponent(capIdentifier(site, seq))}`;
    const feed = capAtomFeed({
      id: `urn:muster:${site.id}:cap-feed:${scopeKey(reader.ceiling)}${reader.drillOnly ? ':drills' : ''}`,
      title: `${site.name}: alerts for ${scopeName(reader.ceiling, site)}${reader.drillOnly ? ' (drills only)' : ''}`,
      author: site.name,
      selfUrl: `${origin}/api/cap/feed`,
      updated: listed[0]?.record.at ?? new Date(at).toISOString(),
      entries: listed.map(({ record, references }) => ({ message: outboundCapMessage(record, references, { site, wordings }), at: record.at, documentUrl: documentUrl(record.seq) })),
    });
    const oldest = listed.at(-1);
    return {
      feed,
      etag: `"${createHash('sha256').update(feed).digest('base64url').slice(0, 22)}"`,
      documents,
      staleAt: oldest ? Date.parse(oldest.record.at) + FEED_MS : Number.POSITIVE_INFINITY,
    };
  };

  /** The reader's view, built at most once per change, per reader's limits and per address the hub is reached by. */
  const viewFor = async (reader: CapReader, origin: string): Promise<View> => {
    await upToDate();
    const { site, modeWordings: wordings } = store.data;
    // A renamed building or reworded mode changes the documents too; the store gives a changed part a new object.
    if (viewsOf.version !== history.version || viewsOf.site !== site || viewsOf.wordings !== wordings || views.size >= MAX_VIEWS) {
      views = new Map();
      viewsOf = { version: history.version, site, wordings };
    }
    const key = `${scopeKey(reader.ceiling)} ${reader.drillOnly} ${origin}`;
    let view = views.get(key);
    if (!view || now().getTime() >= view.staleAt) {
      view = build(reader, origin);
      views.set(key, view);
    }
    return view;
  };

  return {
    /**
     * The integration presenting its secret, allowed to read from this address: 401 without a key or with a wrong
     * one, 403 when it is disabled or the address is not one it may use.
     */
    readerOf(authorization: string | undefined, from: string): CapReader {
      const integration = integrationOfKey(integrations.data.integrations, authorization);
      if (!integration) throw new ApiError('unauthenticated', 'Send an integration’s secret as "Authorization: Bearer <secret>"; it is missing or wrong.');
      if (!integration.enabled) throw new ApiError('forbidden', 'This integration is disabled; an administrator can enable it in the admin console.');
      if (!addressAllowList(integration.allowedAddresses)(from)) throw new ApiError('forbidden', `Requests from ${from} are not accepted for this integration.`);
      return { ceiling: integration.ceiling, drillOnly: integration.drillOnly };
    },

    /** The Atom feed, and its ETag (a subscriber sending it back in If-None-Match is answered 304). */
    async feed(reader: CapReader, origin: string): Promise<{ xml: string; etag: string }> {
      const view = await viewFor(reader, origin);
      return { xml: view.feed, etag: view.etag };
    },

    /** One alert's CAP document; 404 for one that does not exist, or that the reader may not see. */
    async document(reader: CapReader, origin: string, identifier: string): Promise<string> {
      const document = (await viewFor(reader, origin)).documents.get(identifier);
      if (!document) throw new ApiError('not_found', `There is no alert "${identifier.slice(0, 80)}" for this integration.`);
      return document();
    },
  };
}

export type CapFeed = ReturnType<typeof createCapFeed>;
