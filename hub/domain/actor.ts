// Who asked for an operation, and from where: carried into the audit log.
import type { Role } from '../../shared/model.ts';

export interface Actor {
  /** A user's username, or an integration's name. */
  username: string;
  /** A user's role, or 'integration' for a panic-button or mass-notification system sending events. */
  role: Role | 'integration';
  /** The client's address. */
  from: string;
}
