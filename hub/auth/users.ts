// The first users: on an empty store, create `admin` and `office` from the environment or with random passwords.
import type { Role } from '../../shared/model.ts';
import type { StoredUser } from '../store/store.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export interface InitialPassword {
  username: string;
  role: Role;
  password: string;
  generated: boolean;
}

/** Creates the users that do not exist yet; returns their passwords so that generated ones can be shown once. */
export async function initialUsers(
  existing: readonly StoredUser[],
  passwords: { admin: string | null; office: string | null },
  now = new Date(),
): Promise<{ users: StoredUser[]; created: InitialPassword[] }> {
  const wanted: { username: string; role: Role; password: string | null }[] = [
    { username: 'admin', role: 'admin', password: passwords.admin },
    { username: 'office', role: 'office', password: passwords.office },
  ];
  const users: StoredUser[] = [];
  const created: InitialPassword[] = [];
  for (const { username, role, password } of wanted) {
    if (existing.some((u) => u.username === username)) continue;
    const chosen = password ?? generatePassword();
    users.push({ username, role, passwordHash: await hashPassword(chosen), disabled: false, createdAt: now.toISOString() });
    created.push({ username, role, password: chosen, generated: password === null });
  }
  return { users, created };
}
