// The school's own mode wordings, for the office's PA scripts; the catalogue's until they have loaded.
import { useEffect, useState } from 'preact/hooks';
import { NO_WORDINGS, type ModeWordings } from '../../shared/mode-texts.ts';
import { api, call } from '../lib/api-client.ts';

export function useModeWordings(): ModeWordings {
  const [wordings, setWordings] = useState<ModeWordings>(NO_WORDINGS);
  useEffect(() => {
    void call(api['mode-wordings'].$get()).then((body) => setWordings(body.wordings), () => undefined);
  }, []);
  return wordings;
}
