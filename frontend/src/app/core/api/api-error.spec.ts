import { HttpErrorResponse } from '@angular/common/http';

import { toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the server message, code and field errors of a code it does not word itself', () => {
    const response = new HttpErrorResponse({
      status: 409,
      error: {
        statusCode: 409,
        error: 'Conflict',
        message: 'This handle is reserved',
        code: 'handle_reserved',
        errors: { username: ['This handle is reserved'] },
      },
    });
    expect(toApiError(response)).toEqual({
      status: 409,
      code: 'handle_reserved',
      message: 'This handle is reserved',
      fieldErrors: { username: ['This handle is reserved'] },
    });
  });

  it("words a known code's message and field errors in the person's language", () => {
    const response = new HttpErrorResponse({
      status: 409,
      error: {
        statusCode: 409,
        error: 'Conflict',
        message: 'Username is taken',
        code: 'username_taken',
        errors: { username: ['Username is taken'] },
      },
    });
    expect(toApiError(response)).toEqual({
      status: 409,
      code: 'username_taken',
      message: 'This username is already taken.',
      fieldErrors: { username: ['This username is already taken.'] },
    });
  });

  it('joins a list of validation messages', () => {
    const response = new HttpErrorResponse({
      status: 400,
      error: { statusCode: 400, error: 'Bad Request', message: ['a is wrong', 'b is wrong'] },
    });
    expect(toApiError(response).message).toBe('a is wrong. b is wrong');
  });

  it('says when the server cannot be reached', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).message).toMatch(/cannot reach the server/i);
  });
});
