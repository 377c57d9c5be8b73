// What each role is called in the admin console, and what it may do, in words a school's staff use.
import type { Role } from '../../shared/model.ts';

export const ROLE_NAMES: Record<Role, string> = { admin: 'Admin', office: 'Office', viewer: 'Viewer', staff: 'Staff' };

export const ROLE_POWERS: Record<Role, string> = {
  admin: 'content, users and screens',
  office: 'modes and All Clear',
  viewer: 'read only',
  staff: 'training and procedures only',
};
