import { clearTranslations, loadTranslations } from '@angular/localize';

import { errorText, fieldErrorTexts } from './error-text';

describe('errorText', () => {
  afterEach(() => clearTranslations());

  it('words the codes a person can meet in their language', () => {
    loadTranslations({
      'api.error.rateLimited': 'Du sendest zu schnell. Warte einen Moment und versuche es dann erneut.',
      'api.error.notFriends': 'Du kannst nur Freunden Nachrichten senden.',
    });
    expect(errorText('rate_limited', 'Too many requests, slow down')).toBe(
      'Du sendest zu schnell. Warte einen Moment und versuche es dann erneut.',
    );
    expect(errorText('not_friends', 'You are not friends')).toBe('Du kannst nur Freunden Nachrichten senden.');
  });

  it('has a text of its own for each known code, in English without translations', () => {
    expect(errorText('invalid_credentials', 'x')).toBe('Wrong username, email or password.');
    expect(errorText('username_taken', 'x')).toBe('This username is already taken.');
    expect(errorText('file_too_large', 'x')).toBe('This file is too large.');
  });

  it("keeps the server's message for a code it does not know, or none", () => {
    expect(errorText('webhook_not_found', 'Webhook not found')).toBe('Webhook not found');
    expect(errorText(null, 'Something odd')).toBe('Something odd');
  });

  it('words field messages of a known code per field, and keeps the rest', () => {
    expect(fieldErrorTexts('wrong_password', { currentPassword: ['Your current password is not correct'] })).toEqual({
      currentPassword: ['Your current password is not correct.'],
    });
    expect(fieldErrorTexts('wrong_password', { password: ['Your password is not correct'] })).toEqual({
      password: ['Your password is not correct.'],
    });
    const validation = { password: ['password must be longer than or equal to 8 characters'] };
    expect(fieldErrorTexts('validation_failed', validation)).toEqual(validation);
  });
});
