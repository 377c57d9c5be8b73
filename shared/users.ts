// User accounts on the wire: what the admin console may send to create or change one, and what it gets back.
// The hub validates with these schemas and the console checks its form with the same ones, so both word a
// problem alike. A password hash never leaves the hub: `UserSummary` has no field for one.
import { z } from 'zod';
import { ROLES, type Role } from './model.ts';

export const MIN_PASSWORD_LENGTH = 10;

export const UsernameSchema = z
  .string()
  .min(2, 'use at least 2 characters')
  .max(40, 'use at most 40 characters')
  .regex(/^[a-z0-9._-]+$/, 'use only lowercase letters, digits, dots, hyphens and underscores');

/** No default: whoever creates an account must choose what it may do. */
export const AccountRoleSchema = z.enum(ROLES, { error: 'choose admin, office, viewer or staff' });

/**
 * The one password rule of the project: account creation, reset, one's own change, the first users from the
 * environment and the consoles' forms all check it with this schema.
 */
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'use at most 1024 characters');

/** The rule in words, shown beside a new-password field before anyone types. */
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters.`;

/** Without a password the hub generates one and returns it once. */
export const NewUserSchema = z.strictObject({
  username: UsernameSchema,
  role: AccountRoleSchema,
  password: NewPasswordSchema.optional(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export const UserChangeSchema = z
  .strictObject({ role: AccountRoleSchema.optional(), disabled: z.boolean({ error: 'disabled is true or false' }).optional() })
  .refine((change) => change.role !== undefined || change.disabled !== undefined, 'change the role, disabled, or both');
export type UserChange = z.infer<typeof UserChangeSchema>;

/** Without a password the hub generates one and returns it once. */
export const PasswordResetSchema = z.strictObject({ password: NewPasswordSchema.optional() });
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

export interface UserSummary {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** Changing one's own password: the current one proves it is you; the new one follows the rule and differs. */
export const OwnPasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'enter your current password').max(1024, 'use at most 1024 characters'),
    newPassword: NewPasswordSchema,
  })
  .refine((change) => change.newPassword !== change.currentPassword, {
    message: 'the new password must differ from the current one',
    path: ['newPassword'],
  });
export type OwnPasswordChange = z.infer<typeof OwnPasswordChangeSchema>;
