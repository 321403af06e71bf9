// Legal holds and the compliance export (admin only). See ./users.ts for why wire shapes are classes.

export const HOLD_KINDS = ['user', 'conversation'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/**
 * A legal hold: while active, retention skips what it covers and user deletions keep the content for the export. A
 * user's hold covers every conversation they take or took part in.
 */
export class LegalHoldView {
  declare id: string;
  /** @example "user" */
  declare kind: HoldKind;
  /** The held user's or conversation's id. */
  declare targetId: string;
  /** For a user: their name as shown; for a group: its name; for a direct conversation: its two people. */
  declare label: string;
  /** Why (a case number, a note). @example "Case 2026-114" */
  declare reason: string;
  declare placedBy: string | null;
  declare placedAt: string;
}

/**
 * One line of GET /api/admin/export (JSON lines): a message with everything kept of it, including content deleted
 * while held and earlier versions.
 */
export interface ExportLine {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  kind: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** The people who deleted it for themselves. */
  hiddenFor: string[];
  text: string | null;
  media: { id: string; kind: string; mime: string; size: number } | null;
  /** Earlier versions and content kept at a deletion, oldest first. */
  versions: { reason: 'edit' | 'deleted' | 'erased'; text: string | null; media: ExportLine['media']; at: string }[];
}
