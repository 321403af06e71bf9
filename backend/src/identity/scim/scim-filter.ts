import { type Filter, parse } from 'scim2-parse-filter';

import type { DirectoryFilter } from '../../users/provisioned-users.service';
import { scimError } from './scim-errors';
import { URN } from './scim-schemas';

const SUPPORTED =
  'Supported filters: userName eq "…", externalId eq "…", emails.value eq "…", emails[type eq "work"].value eq "…"';

/**
 * The lookups identity providers make, from a SCIM filter (RFC 7644 §3.4.2.2) parsed by a maintained parser. Only
 * the shapes above are understood, each comparing one attribute with one string; the string is matched as it is
 * (never as a pattern or an operator), so quotes, `or`, regex characters or `$ne` inside it match nothing else.
 */
export function toDirectoryFilter(text: string | undefined): DirectoryFilter {
  if (text === undefined || text.trim() === '') return {};
  let ast: Filter;
  try {
    ast = parse(text);
  } catch {
    throw scimError(400, 'invalidFilter', `The filter cannot be parsed. ${SUPPORTED}`);
  }
  const filter = fromAst(ast);
  if (!filter) throw scimError(400, 'invalidFilter', `This filter is not supported. ${SUPPORTED}`);
  return filter;
}

function fromAst(ast: Filter): DirectoryFilter | null {
  // emails[type eq "work"].value eq "x" comes out as: emails[type eq "work"] and emails.value eq "x".
  if (ast.op === 'and' && ast.filters.length === 2) {
    const [selector, comparison] = ast.filters;
    const isWork =
      selector.op === '[]' &&
      attribute(selector.attrPath) === 'emails' &&
      selector.valFilter.op === 'eq' &&
      attribute(selector.valFilter.attrPath) === 'type' &&
      typeof selector.valFilter.compValue === 'string' &&
      selector.valFilter.compValue.toLowerCase() === 'work';
    const email = comparison.op === 'eq' && attribute(comparison.attrPath) === 'emails.value' ? comparison : null;
    return isWork && typeof email?.compValue === 'string' ? { email: email.compValue } : null;
  }
  if (ast.op !== 'eq' || typeof ast.compValue !== 'string') return null;
  switch (attribute(ast.attrPath)) {
    case 'username':
      return { userName: ast.compValue };
    case 'externalid':
      return { scimExternalId: ast.compValue };
    case 'emails.value':
    case 'emails':
      return { email: ast.compValue };
    default:
      return null;
  }
}

/** Attribute names are case-insensitive and may carry the User schema's URN. */
function attribute(path: string): string {
  const lower = path.toLowerCase();
  const prefix = `${URN.user.toLowerCase()}:`;
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}
