/**
 * The person's language for the server's error codes they can meet (the server words its messages in English).
 * Codes only an administrator's script or a broken client can cause keep the server's message.
 */
const TEXTS: Record<string, (field?: string) => string> = {
  // Signing in and the session
  invalid_credentials: () => $localize`:@@api.error.invalidCredentials:Wrong username, email or password.`,
  login_throttled: () =>
    $localize`:@@api.error.loginThrottled:Too many failed sign-in attempts. Wait a moment and try again.`,
  session_ended: () => $localize`:@@api.error.sessionEnded:Your session has ended. Please sign in again.`,
  sso_session_ended: () =>
    $localize`:@@api.error.ssoSessionEnded:Your single sign-on session has ended. Please sign in again.`,
  account_banned: () => $localize`:@@api.error.accountBanned:This account has been suspended by an administrator.`,
  password_login_disabled: () =>
    $localize`:@@api.error.passwordLoginDisabled:Passwords are not used here: sign in with single sign-on.`,
  wrong_password: (field) =>
    field === 'currentPassword'
      ? $localize`:@@api.error.wrongCurrentPassword:Your current password is not correct.`
      : $localize`:@@api.error.wrongPassword:Your password is not correct.`,
  reauthentication_required: () =>
    $localize`:@@api.error.reauthenticationRequired:For your security, sign in again before doing this.`,
  // Signing up, links from e-mails
  username_taken: () => $localize`:@@api.error.usernameTaken:This username is already taken.`,
  email_taken: () => $localize`:@@api.error.emailTaken:An account with this email already exists.`,
  signup_closed: () => $localize`:@@api.error.signupClosed:Sign-up is closed. Ask your administrator for an account.`,
  invitation_required: () =>
    $localize`:@@api.error.invitationRequired:Sign-up needs an invitation. Ask your administrator for one.`,
  invitation_invalid: () =>
    $localize`:@@api.error.invitationInvalid:This invitation link is invalid, expired or already used. Ask your administrator for a new one.`,
  reset_link_invalid: () =>
    $localize`:@@api.error.resetLinkInvalid:This reset link is invalid, expired or already used. Ask for a new one.`,
  reset_throttled: () =>
    $localize`:@@api.error.resetThrottled:Too many reset requests from this network. Try again in a few minutes.`,
  verification_link_invalid: () =>
    $localize`:@@api.error.verificationLinkInvalid:This verification link is invalid or has expired. Ask for a new one from the app.`,
  verification_throttled: () =>
    $localize`:@@api.error.verificationThrottled:We have just sent you a link. You can ask for another in a few minutes.`,
  email_already_verified: () => $localize`:@@api.error.emailAlreadyVerified:Your email address is already verified.`,
  email_unverified: () => $localize`:@@api.error.emailUnverified:Verify your email address first.`,
  // Friends and chats
  not_friends: () => $localize`:@@api.error.notFriends:You can only send messages to friends.`,
  recipient_unavailable: () => $localize`:@@api.error.recipientUnavailable:You can't send messages to this person.`,
  automated_account: () => $localize`:@@api.error.automatedAccount:This is an automated account; you can't reply.`,
  user_blocked: () => $localize`:@@api.error.userBlocked:You blocked this person; unblock them first.`,
  user_not_found: () => $localize`:@@api.error.userNotFound:This person could not be found.`,
  already_friends: () => $localize`:@@api.error.alreadyFriends:You are already friends.`,
  self_request: () => $localize`:@@api.error.selfRequest:You can't send a friend request to yourself.`,
  self_block: () => $localize`:@@api.error.selfBlock:You can't block yourself.`,
  conversation_not_found: () => $localize`:@@api.error.conversationNotFound:This conversation isn't available.`,
  message_not_found: () => $localize`:@@api.error.messageNotFound:This message no longer exists.`,
  message_deleted: () => $localize`:@@api.error.messageDeleted:This message was deleted.`,
  not_participant: () => $localize`:@@groups.error.notParticipant:You are not a member of this conversation any more.`,
  // Replies, reactions, forwarding
  invalid_reply: () => $localize`:@@chat.reply.error.invalid:This message can't be replied to here.`,
  system_message: () =>
    $localize`:@@chat.reactions.error.system:This line can't be replied to, reacted to or forwarded.`,
  too_many_reactions: () =>
    $localize`:@@chat.reactions.error.tooMany:This message has as many different reactions as it can take.`,
  // Groups
  group_empty: () => $localize`:@@groups.error.empty:Choose at least one other person.`,
  group_full: () => $localize`:@@groups.error.full:The group would have too many members.`,
  not_group_admin: () => $localize`:@@groups.error.notAdmin:Only the group's owners and admins can do that.`,
  member_not_found: () => $localize`:@@groups.error.memberNotFound:This person is not a member of the group any more.`,
  own_role: () => $localize`:@@groups.error.ownRole:You can't change your own role.`,
  group_busy: () =>
    $localize`:@@groups.error.busy:Many changes are being made to this group right now. Please try again.`,
  // Files
  media_unavailable: () =>
    $localize`:@@groups.error.mediaUnavailable:This file can't be used any more. Please upload it again.`,
  file_too_large: () => $localize`:@@api.error.fileTooLarge:This file is too large.`,
  unsupported_media_type: () =>
    $localize`:@@chat.files.error.unsupported:This kind of file is not accepted. Files are judged by their content, not their name; chats take pictures, videos, PDF, Office and text documents, ZIP archives and audio.`,
  virus_found: () =>
    $localize`:@@chat.files.error.virusFound:This file contains a virus or other malware and was not sent.`,
  virus_scan_unavailable: () =>
    $localize`:@@chat.files.error.scanUnavailable:Files can't be checked for viruses right now. Try again in a moment.`,
  empty_file: () => $localize`:@@api.error.emptyFile:The file is empty.`,
  unreadable_image: () => $localize`:@@api.error.unreadableImage:This picture could not be read.`,
  avatar_not_image: () => $localize`:@@api.error.avatarNotImage:A profile picture must be an image.`,
  storage_failed: () => $localize`:@@api.error.storageFailed:The file could not be stored. Please try again.`,
  // Administration
  own_admin_role: () => $localize`:@@api.error.ownAdminRole:You cannot remove your own admin role.`,
  ban_self: () => $localize`:@@api.error.banSelf:You cannot ban yourself.`,
  // Load
  rate_limited: () => $localize`:@@api.error.rateLimited:You are sending too fast. Wait a moment and try again.`,
  busy: () => $localize`:@@api.error.busy:Someone else is changing this right now. Please try again.`,
};

/**
 * The text a person reads for an error: in their language for a known `code`, else the server's own message.
 * `field` names the form field a message is about, where one code has a text per field.
 */
export function errorText(code: string | null | undefined, serverMessage: string, field?: string): string {
  const text = code ? TEXTS[code] : undefined;
  return text ? text(field) : serverMessage;
}

/** An error body's field messages (`errors`), each field's in the person's language when the code is known. */
export function fieldErrorTexts(
  code: string | null | undefined,
  errors: Record<string, string[]>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [
      field,
      code && code in TEXTS ? [errorText(code, messages.join(' '), field)] : messages,
    ]),
  );
}
