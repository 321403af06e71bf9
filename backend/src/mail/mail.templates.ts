/** A mail ready to send: subject, plain text and HTML with the same content, and the link it carries. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  link: string;
}

const PRODUCT = 'Portal Chat';

interface Layout {
  subject: string;
  name: string;
  intro: string;
  action: string;
  link: string;
  /** When the link stops working; unset for a link that always works. */
  expiresAt?: Date;
  outro: string;
}

export function verifyEmailMail(name: string, link: string, expiresAt: Date): RenderedMail {
  return render({
    subject: `Confirm your email address for ${PRODUCT}`,
    name,
    intro: `Please confirm that this is your email address, so you can recover your ${PRODUCT} account if you ever need to.`,
    action: 'Confirm email address',
    link,
    expiresAt,
    outro: `If you did not create a ${PRODUCT} account, you can ignore this mail.`,
  });
}

export function passwordResetMail(name: string, link: string, expiresAt: Date): RenderedMail {
  return render({
    subject: `Reset your ${PRODUCT} password`,
    name,
    intro: `Someone (hopefully you) asked to reset the password of your ${PRODUCT} account. Choose a new password here:`,
    action: 'Choose a new password',
    link,
    expiresAt,
    outro:
      'The link works once. Setting a new password signs you out everywhere. If you did not ask for this, ignore this ' +
      'mail: your password stays as it is.',
  });
}

export function invitationMail(name: string, link: string, expiresAt: Date): RenderedMail {
  return render({
    subject: `You are invited to ${PRODUCT}`,
    name,
    intro: `An administrator has created a ${PRODUCT} account for you. Choose your password to sign in:`,
    action: 'Choose your password',
    link,
    expiresAt,
    outro: 'The link works once. If you did not expect this invitation, you can ignore this mail.',
  });
}

/** The invitation when single sign-on is the only way in (PASSWORD_LOGIN=off): no password to choose. */
export function ssoInvitationMail(name: string, ssoLabel: string, loginLink: string): RenderedMail {
  return render({
    subject: `You are invited to ${PRODUCT}`,
    name,
    intro: `An administrator has created a ${PRODUCT} account for you. Sign in with ${ssoLabel}, using this e-mail address:`,
    action: `Sign in with ${ssoLabel}`,
    link: loginLink,
    outro: 'If you did not expect this invitation, you can ignore this mail.',
  });
}

/** A notice after the password changed, so an owner whose account was taken over finds out. */
export function passwordChangedMail(name: string, link: string): RenderedMail {
  const subject = `Your ${PRODUCT} password was changed`;
  const intro = `The password of your ${PRODUCT} account was just changed.`;
  const outro = `If this was not you, reset your password now: ${link}`;
  return {
    subject,
    link,
    text: [`Hello ${name},`, '', intro, '', outro, '', `— ${PRODUCT}`, ''].join('\n'),
    html: page(
      subject,
      `<p>Hello ${escapeHtml(name)},</p><p>${escapeHtml(intro)}</p>` +
        `<p>If this was not you, <a href="${escapeHtml(link)}">reset your password now</a>.</p>`,
    ),
  };
}

/**
 * Messages that stayed unread while the person was away: how many, from whom, a link to the chat and one to stop
 * these mails. Never the messages themselves.
 */
export function missedMessagesMail(
  name: string,
  count: number,
  sender: string,
  link: string,
  unsubscribeLink: string,
): RenderedMail {
  const subject = count === 1 ? `${sender} sent you a message` : `${sender} sent you ${count} messages`;
  const intro = `You have ${count === 1 ? 'an unread message' : `${count} unread messages`} from ${sender} in ${PRODUCT}.`;
  const outro = `Don't want these e-mails? Unsubscribe: ${unsubscribeLink}`;
  return {
    subject,
    link,
    text: [`Hello ${name},`, '', intro, '', link, '', outro, '', `— ${PRODUCT}`, ''].join('\n'),
    html: page(
      subject,
      `<p>Hello ${escapeHtml(name)},</p><p>${escapeHtml(intro)}</p>` +
        `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600">Open the chat</a></p>` +
        `<p style="font-size:13px;color:#52525b">Don't want these e-mails? <a href="${escapeHtml(unsubscribeLink)}">Unsubscribe</a>.</p>`,
    ),
  };
}

/** "21 Nov 2026, 06:14 UTC": mails are read in many time zones, so the zone is spelled out. */
export function formatExpiry(at: Date): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(at);
  return `${formatted} UTC`;
}

function render(mail: Layout): RenderedMail {
  const validity = mail.expiresAt ? validityOf(mail.expiresAt) : null;
  const text = [
    `Hello ${mail.name},`,
    '',
    mail.intro,
    '',
    mail.link,
    '',
    ...(validity ? [validity, ''] : []),
    mail.outro,
    '',
    `— ${PRODUCT}`,
    '',
  ].join('\n');
  const html = page(
    mail.subject,
    `<p>Hello ${escapeHtml(mail.name)},</p>
<p>${escapeHtml(mail.intro)}</p>
<p><a href="${escapeHtml(mail.link)}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(mail.action)}</a></p>
<p style="font-size:13px;color:#52525b">Or paste this address into your browser:<br><span style="word-break:break-all">${escapeHtml(mail.link)}</span></p>
${validity ? `<p style="font-size:13px;color:#52525b">${escapeHtml(validity)}</p>\n` : ''}<p style="font-size:13px;color:#52525b">${escapeHtml(mail.outro)}</p>`,
  );
  return { subject: mail.subject, text, html, link: mail.link };
}

function validityOf(expiresAt: Date): string {
  const minutes = Math.round((expiresAt.getTime() - Date.now()) / 60_000);
  return `This link expires in ${describeMinutes(minutes)} (${formatExpiry(expiresAt)}).`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#18181b">
<div style="max-width:520px;margin:0 auto;padding:24px;border-radius:12px;background:#ffffff;font-size:15px;line-height:1.5">
<p style="margin-top:0;font-weight:600;color:#4f46e5">${PRODUCT}</p>
${body}
</div></body></html>
`;
}

function describeMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** To every admin when a webhook endpoint is paused after repeated failures. */
export function webhookPausedMail(name: string, url: string, reason: string, link: string): RenderedMail {
  return render({
    subject: `A ${PRODUCT} webhook was paused`,
    name,
    intro:
      `Deliveries to ${url} kept failing (${reason}), so the endpoint was paused. Its events are kept, not dropped: ` +
      'fix the receiver, then resume the endpoint in the admin console to deliver them.',
    action: 'Open webhooks',
    link,
    outro: 'You get this mail because you are an administrator.',
  });
}
