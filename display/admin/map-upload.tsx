// Uploading a floor's map (SVG, PNG or JPEG) and setting its scale. The hub cleans SVGs of anything that could
// run or call out; we say in plain words what it removed. A floor's first map also creates its plan.
import { useState } from 'preact/hooks';
import type { FloorPlan, Wayfinding } from '../../shared/floor-plan.ts';
import { call } from '../lib/api-client.ts';
import { useApiAction } from '../lib/use-api-action.ts';
import { createFloorPlan, updateFloor, type MapImage } from './plan-edits.ts';

interface UploadReply {
  ok: true;
  image: MapImage;
  width: number;
  height: number;
  removed: string[];
}

const TYPES_BY_EXTENSION: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/** Raw upload (not JSON), so not through the typed client; `call` still words the hub's errors. */
function uploadMap(floorId: string, file: File): Promise<UploadReply> {
  // Some systems give no type for .svg files; the hub needs it to know how to check the file.
  const type = file.type || TYPES_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
  return call<UploadReply | { ok: false }>(
    fetch(`/api/maps?floor=${encodeURIComponent(floorId)}`, { method: 'POST', headers: { 'Content-Type': type }, body: file, credentials: 'same-origin' }),
  );
}

export function MapUpload(props: {
  floorId: string;
  floor: FloorPlan | null;
  draft: Wayfinding;
  dirty: boolean;
  replace: (next: Wayfinding) => void;
  disabled: boolean;
}) {
  const { floor, draft, floorId } = props;
  const [unitsPerMetre, setUnitsPerMetre] = useState(10);
  const [report, setReport] = useState<string[]>([]);
  const { busy, error, run } = useApiAction();

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const reply = await run(() => uploadMap(floorId, file));
    input.value = '';
    if (!reply) return;
    const lines = [
      reply.removed.length === 0
        ? `${file.name} uploaded; nothing had to be removed.`
        : `${file.name} uploaded. For safety the hub removed: ${reply.removed.join('; ')}. Check that the map still looks right.`,
    ];
    if (!floor) {
      props.replace(createFloorPlan(draft, floorId, { width: reply.width, height: reply.height, unitsPerMetre, image: reply.image }));
    } else {
      props.replace(updateFloor(draft, floorId, { image: reply.image }));
      // Points keep their map units; a map of another size or shape would put them in the wrong rooms.
      if (Math.abs(reply.width - floor.width) > 1 || Math.abs(reply.height - floor.height) > 1) {
        lines.push(`The new map is ${reply.width} × ${reply.height}, the plan is ${floor.width} × ${floor.height}: it is stretched to fit. Check every marker.`);
      }
    }
    setReport(lines);
  };

  return (
    <section class="side-section" aria-labelledby="map-title">
      <h3 id="map-title">Map and scale</h3>
      {!floor && <p>This floor has no plan yet. Upload its map (SVG, PNG or JPEG, up to 5 MB) to start one.</p>}
      {floor && (
        <p class="muted">
          {floor.image ? `Map: ${floor.image.file}` : 'No map image'} · {floor.width} × {floor.height} units
        </p>
      )}
      <label>
        {floor ? 'Map units per metre' : 'Map units per metre (for distances on screens)'}
        <input
          type="number"
          min={0.01}
          step="any"
          data-test="units-per-metre"
          disabled={props.disabled}
          value={floor ? floor.unitsPerMetre : unitsPerMetre}
          onInput={(e) => {
            const value = e.currentTarget.valueAsNumber;
            if (!(value > 0)) return;
            if (floor) props.replace(updateFloor(draft, floorId, { unitsPerMetre: value }));
            else setUnitsPerMetre(value);
          }}
        />
      </label>
      <label class="file-label">
        {floor ? 'Replace the map' : 'Upload the map'}
        <input
          type="file"
          accept=".svg,.png,.jpg,.jpeg,image/svg+xml,image/png,image/jpeg"
          data-test="map-upload"
          disabled={props.disabled || busy}
          onChange={(e) => void upload(e.currentTarget)}
        />
      </label>
      {busy && <p class="muted">Uploading and checking the map…</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report.length > 0 && (
        <div class="upload-report" data-test="upload-report" role="status">
          {report.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          {props.dirty && <p>Save to publish it to the screens.</p>}
        </div>
      )}
    </section>
  );
}
