// Export the whole site (settings, buildings, screens, floor plans and their maps) as one file, or import one:
// for moving a school to a new hub, or starting from a prepared file. Docs: docs/site-file.md.
import { useState } from 'preact/hooks';
import { ApiFailure, api, call } from '../../lib/api-client.ts';
import { errorText } from '../../lib/error-text.ts';
import { siteSaved } from '../../lib/use-site.ts';

export function SiteFileTools() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (!window.confirm(`Replace this hub's whole site (buildings, screens, floor plans) with “${file.name}”? Screens the file does not have are unpaired.`)) return;
    setBusy(true);
    setMessage(null);
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new ApiFailure('invalid_json', 'This file is not a Muster site file (it is not JSON).', 400);
      }
      const body = await call(api.site.import.$post({ json: parsed as never }));
      siteSaved(body.site, body.version);
      setMessage({ ok: true, text: `Imported “${body.site.name}”: ${body.site.buildings.length} buildings, ${body.site.screens.length} screens.` });
    } catch (failure) {
      setMessage({ ok: false, text: failure instanceof ApiFailure ? errorText(failure) : String(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="site-section">
      <h3>Site file</h3>
      <p class="muted">One JSON file holds the whole site and its floor plans with their maps (its format: docs/site-file.md in the Muster repository).</p>
      <div class="row">
        <a class="button secondary" href="/api/site/export" download data-test="export-site">
          Export the site
        </a>
        <label class="button secondary file-label">
          Import a site file…
          <input type="file" accept="application/json,.json" data-test="import-site" disabled={busy} onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        </label>
      </div>
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-test="import-result">
          {message.text}
        </p>
      )}
    </section>
  );
}
