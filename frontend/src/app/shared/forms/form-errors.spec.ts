import { FormControl } from '@angular/forms';

import type { ApiError } from '../../core/api/api-error';
import { describeErrors, generalMessage, usernameValidator } from './form-errors';

const error = (fieldErrors: Record<string, string[]>, message = 'Bad Request'): ApiError => ({
  status: 400,
  code: null,
  message,
  fieldErrors,
});

describe('generalMessage', () => {
  it('is the server message when no field is named', () => {
    expect(generalMessage(error({}, 'Wrong username or password'), ['login'])).toBe('Wrong username or password');
  });

  it('points at the fields when they show their own errors', () => {
    expect(generalMessage(error({ login: ['too short'] }), ['login'])).toBe('Please fix the highlighted fields.');
  });

  it('shows messages for fields this form does not have', () => {
    expect(generalMessage(error({ email: ['email is taken'] }), ['login'])).toBe('email is taken');
  });

  it('is empty without an error', () => {
    expect(generalMessage(null, [])).toBeNull();
  });
});

describe('usernameValidator', () => {
  it.each(['ada', 'ada.lovelace_1', 'ADA'])('accepts %s', (value) => {
    expect(usernameValidator(new FormControl(value))).toBeNull();
  });

  it.each(['ab', 'a'.repeat(31), 'ada lovelace', 'ada-l'])('rejects %s', (value) => {
    expect(usernameValidator(new FormControl(value))).not.toBeNull();
  });
});

describe('describeErrors', () => {
  it('turns validator errors into sentences', () => {
    expect(describeErrors({ minlength: { requiredLength: 8, actualLength: 3 } })).toEqual([
      'Use at least 8 characters.',
    ]);
    expect(describeErrors({ username: 'Use 3 to 30 characters.' })).toEqual(['Use 3 to 30 characters.']);
  });
});
