import type { Role } from '../contracts/users';

/**
 * The account whose address is ADMIN_EMAIL is the operator's way in: an admin from the moment it exists, however it
 * came to be (sign-up, single sign-on), and at every start-up (UsersService.grantAdminTo).
 */
export function isOperator(email: string | null | undefined, adminEmail: string | null): boolean {
  return adminEmail !== null && email === adminEmail;
}

export function rolesOfNewAccount(email: string, adminEmail: string | null): Role[] {
  return isOperator(email, adminEmail) ? ['user', 'admin'] : ['user'];
}
