import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';

import { Omittable } from './omittable.decorator';
import { createValidationPipe } from './validation.pipe';

class NoteDto {
  @IsString() @MaxLength(100) text: string;
  @Omittable() @IsString() title?: string;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: NoteDto };
  const errorOf = (value: unknown, metadata = body) =>
    pipe.transform(value, metadata).then(
      () => null,
      (error: BadRequestException) => error.getResponse(),
    );

  it('keeps text with line breaks, tabs, emoji and other scripts', async () => {
    const text = 'Hi\tthere,\r\nsee 👋🏽 — 日本語 and ﷽\u000b\u000cpasted';
    await expect(pipe.transform({ text }, body)).resolves.toEqual(Object.assign(new NoteDto(), { text }));
  });

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['an escape', '\u001b[31mred'],
    ['DEL', 'a\u007f'],
    ['a lone high surrogate', 'a\uD83D'],
    ['a lone low surrogate', '\uDC4Ba'],
  ])('refuses %s anywhere in the input, naming where', async (_name, bad) => {
    expect(await errorOf({ text: 'fine', nested: [{ deep: bad }] })).toEqual({
      message: ['nested.0.deep must not contain control characters or unpaired surrogates'],
      code: 'validation_failed',
      errors: { 'nested.0.deep': ['nested.0.deep must not contain control characters or unpaired surrogates'] },
    });
  });

  it('refuses malformed text in keys, and in a query or param without a DTO', async () => {
    expect(await errorOf({ text: 'fine', ['k\u0000']: 1 })).toMatchObject({ code: 'validation_failed' });
    expect(await errorOf('a\u0000', { type: 'param', metatype: String, data: 'id' })).toMatchObject({
      errors: { id: ['id must not contain control characters or unpaired surrogates'] },
    });
  });

  it('refuses input nested deeper than any request needs, without overflowing the stack', async () => {
    let deepArray: unknown = [];
    let deepObject: unknown = 'x';
    for (let i = 0; i < 5000; i++) {
      deepArray = [deepArray];
      deepObject = { a: deepObject };
    }
    expect(await errorOf(deepArray)).toMatchObject({ code: 'validation_failed' });
    expect(await errorOf({ text: deepObject })).toMatchObject({
      code: 'validation_failed',
      message: [expect.stringMatching(/^text(\.a)+ must not be nested more than 16 levels deep$/)],
    });
    // Sixteen levels are still fine for the validator to judge.
    let sixteen: unknown = 'x';
    for (let i = 0; i < 15; i++) sixteen = { a: sixteen };
    expect(await errorOf({ text: 'fine', extra: sixteen })).toMatchObject({ errors: { extra: expect.any(Array) } });
  });

  it('refuses null for an omittable property, which may only be left out', async () => {
    await expect(pipe.transform({ text: 'fine' }, body)).resolves.toEqual(
      Object.assign(new NoteDto(), { text: 'fine' }),
    );
    expect(await errorOf({ text: 'fine', title: null })).toMatchObject({
      errors: { title: ['title must be a string'] },
    });
  });

  it('leaves objects that are not parsed input alone (the socket handed to a gateway handler)', async () => {
    const socket = new (class Socket {
      data = { nested: 'a\u0000' };
    })();
    await expect(pipe.transform(socket, { type: 'body', metatype: Object })).resolves.toBe(socket);
  });
});
