import type { SystemEvent } from '@contracts/messages';

/** Names a person of the group by id ("a former member" when the group no longer lists them). */
export type NameOf = (userId: string) => string;

/** "Ben", "Ben and Cleo", "Ben, Cleo and Dan", in the page's language. */
export function joinNames(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/**
 * A system line as a sentence: "Ada added Ben and Cleo", "You left", "Ada made you an admin". `me` (as actor) gets
 * its own wording; as a target it is "you".
 */
export function systemSentence(system: SystemEvent, nameOf: NameOf, me: string | null, locale: string): string {
  const mine = system.actorId === me;
  const actor = nameOf(system.actorId);
  const targets = joinNames(
    (system.targetIds ?? []).map((id) => (id === me ? $localize`:@@chat.group.system.you:you` : nameOf(id))),
    locale,
  );
  const name = system.name ?? '';
  switch (system.event) {
    case 'created':
      return mine
        ? $localize`:@@chat.group.system.createdByMe:You created the group “${name}:name:”`
        : $localize`:@@chat.group.system.created:${actor}:actor: created the group “${name}:name:”`;
    case 'renamed':
      return mine
        ? $localize`:@@chat.group.system.renamedByMe:You renamed the group to “${name}:name:”`
        : $localize`:@@chat.group.system.renamed:${actor}:actor: renamed the group to “${name}:name:”`;
    case 'picture_changed':
      return mine
        ? $localize`:@@chat.group.system.pictureByMe:You changed the group picture`
        : $localize`:@@chat.group.system.picture:${actor}:actor: changed the group picture`;
    case 'added':
      return mine
        ? $localize`:@@chat.group.system.addedByMe:You added ${targets}:targets:`
        : $localize`:@@chat.group.system.added:${actor}:actor: added ${targets}:targets:`;
    case 'removed':
      if (system.targetIds?.includes(me ?? '')) return $localize`:@@chat.group.system.removedMe:You were removed`;
      return mine
        ? $localize`:@@chat.group.system.removedByMe:You removed ${targets}:targets:`
        : $localize`:@@chat.group.system.removed:${actor}:actor: removed ${targets}:targets:`;
    case 'left':
      return mine
        ? $localize`:@@chat.group.system.leftMe:You left`
        : $localize`:@@chat.group.system.left:${actor}:actor: left`;
    case 'made_owner':
      return mine
        ? $localize`:@@chat.group.system.ownerByMe:You made ${targets}:targets: the owner`
        : $localize`:@@chat.group.system.owner:${actor}:actor: made ${targets}:targets: the owner`;
    case 'made_admin':
      return mine
        ? $localize`:@@chat.group.system.adminByMe:You made ${targets}:targets: an admin`
        : $localize`:@@chat.group.system.admin:${actor}:actor: made ${targets}:targets: an admin`;
    case 'made_member':
      return mine
        ? $localize`:@@chat.group.system.memberByMe:You removed ${targets}:targets: as admin`
        : $localize`:@@chat.group.system.member:${actor}:actor: removed ${targets}:targets: as admin`;
    default:
      return historySentence(system.event as string, mine, actor);
  }
}

/** The group's "new members see earlier messages" switch (events newer than this client's contract copy). */
function historySentence(event: string, mine: boolean, actor: string): string {
  if (event === 'history_shared') {
    return mine
      ? $localize`:@@chat.group.system.historySharedByMe:You let new members see earlier messages`
      : $localize`:@@chat.group.system.historyShared:${actor}:actor: let new members see earlier messages`;
  }
  if (event === 'history_hidden') {
    return mine
      ? $localize`:@@chat.group.system.historyHiddenByMe:You hid earlier messages from new members`
      : $localize`:@@chat.group.system.historyHidden:${actor}:actor: hid earlier messages from new members`;
  }
  return mine
    ? $localize`:@@chat.group.system.otherByMe:You changed the group`
    : $localize`:@@chat.group.system.other:${actor}:actor: changed the group`;
}

/** "Ada", "Ada and Ben", "Ada, Ben and Cleo"; from four on "Ada, Ben and 2 others". */
function fewNames(names: readonly string[], locale: string): { listed: string; others: number } {
  return names.length <= 3
    ? { listed: joinNames(names, locale), others: 0 }
    : { listed: names.slice(0, 2).join(', '), others: names.length - 2 };
}

/** "Ada is typing…", "Ada and Ben are typing…", "Ada, Ben and 2 others are typing…"; empty when nobody is. */
export function typingSentence(names: readonly string[], locale: string): string {
  if (!names.length) return '';
  if (names.length === 1) return $localize`:@@chat.group.typing.one:${names[0]}:name: is typing…`;
  const { listed, others } = fewNames(names, locale);
  return others
    ? $localize`:@@chat.group.typing.others:${listed}:names: and ${others}:count: others are typing…`
    : $localize`:@@chat.group.typing.several:${listed}:names: are typing…`;
}

/** How far my message got in a group: who of the others has seen it, and how many it was delivered to. */
export interface GroupReceipt {
  /** The others who read it, in member order (never those who hide their reads). */
  seenBy: string[];
  /** The others it reached (read counts as reached). */
  deliveredTo: string[];
  /** Everybody else in the group. */
  total: number;
}

/** "Seen by Ada, Ben and 2 others" once someone read it, else "Delivered to 3 of 5"; empty before either. */
export function receiptSentence({ seenBy, deliveredTo, total }: GroupReceipt, locale: string): string {
  if (seenBy.length) {
    const { listed, others } = fewNames(seenBy, locale);
    return others
      ? $localize`:@@chat.group.receipt.seenOthers:Seen by ${listed}:names: and ${others}:count: others`
      : $localize`:@@chat.group.receipt.seen:Seen by ${listed}:names:`;
  }
  const count = deliveredTo.length;
  return count ? $localize`:@@chat.group.receipt.delivered:Delivered to ${count}:count: of ${total}:total:` : '';
}
