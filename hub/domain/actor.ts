// Who asked for an operation, and from where: carried into the audit log.
import type { Role } from '../../shared/model.ts';

export interface Actor {
  username: string;
  role: Role;
  /** The client's address. */
  from: string;
}
