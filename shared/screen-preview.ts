// What the admin console's preview draws for a screen: everything the screen itself would hold, now or in a mode.
import { z } from 'zod/mini';
import { SlideSchema } from './content.ts';
import { WayfindingSchema } from './floor-plan.ts';
import { ModeWordingsSchema } from './mode-texts.ts';
import { ActiveModeSchema, EmergencyModeSchema, HazardsSchema, ModeIdSchema } from './model.ts';
import { ScreenProfileSchema, SiteProfileSchema } from './protocol.ts';

export const PreviewModeSchema = z.union([z.literal('now'), EmergencyModeSchema]);
export type PreviewMode = z.infer<typeof PreviewModeSchema>;

export const ScreenPreviewSchema = z.object({
  seq: z.int().check(z.gte(0)),
  modes: z.array(ActiveModeSchema),
  priority: z.array(ModeIdSchema),
  hazards: HazardsSchema,
  plan: z.nullable(z.object({ version: z.string(), wayfinding: WayfindingSchema })),
  wordings: z.object({ version: z.string(), wordings: ModeWordingsSchema }),
  content: z.object({ revision: z.number(), slides: z.array(SlideSchema) }),
  profile: ScreenProfileSchema,
  site: SiteProfileSchema,
});
export type ScreenPreview = z.infer<typeof ScreenPreviewSchema>;
