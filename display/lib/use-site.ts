// The site as every console page sees it: read once, shared by the pages, and read again whenever the hub says
// it changed (a `site-changed` message on the console's socket), so a rename shows everywhere without a reload.
import { useEffect, useState } from 'preact/hooks';
import type { Site } from '../../shared/model.ts';
import { api, call, ApiFailure } from './api-client.ts';
import { errorText } from './error-text.ts';

export interface SiteView {
  site: Site | null;
  /** The version the site editor saves against. */
  version: string | null;
  error: string | null;
}

let current: SiteView = { site: null, version: null, error: null };
let loading: Promise<void> | null = null;
const listeners = new Set<(view: SiteView) => void>();

function publish(view: SiteView): void {
  current = view;
  for (const listener of listeners) listener(view);
}

/** Read the site from the hub now (after a change this page made, or when the hub says it changed). */
export function reloadSite(): Promise<void> {
  loading ??= call(api.site.$get())
    .then(
      (body) => publish({ site: body.site, version: body.version, error: null }),
      (error: unknown) => publish({ ...current, error: error instanceof ApiFailure ? errorText(error) : 'The site could not be read.' }),
    )
    .finally(() => (loading = null));
  return loading;
}

/** Take a site the hub returned from a save, without another round trip. */
export function siteSaved(site: Site, version: string): void {
  publish({ site, version, error: null });
}

export function useSite(): SiteView {
  const [view, setView] = useState<SiteView>(current);
  useEffect(() => {
    listeners.add(setView);
    if (current.site === null) void reloadSite();
    else setView(current);
    return () => void listeners.delete(setView);
  }, []);
  return view;
}
