import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@gatehouse/domain';
import { describeFailure, toTRPCError } from './errors.ts';
import { NewPassword, SignUpInput, WorkspaceSlug } from './schemas.ts';

describe('error plumbing', () => {
  it('maps catalogue codes to HTTP-meaningful tRPC codes', () => {
    expect(toTRPCError(new AppError('INVALID_CREDENTIALS')).code).toBe('UNAUTHORIZED');
    expect(toTRPCError(new AppError('EMAIL_TAKEN')).code).toBe('CONFLICT');
    expect(toTRPCError(new AppError('RATE_LIMITED')).code).toBe('TOO_MANY_REQUESTS');
    expect(toTRPCError(new AppError('NOT_FOUND')).code).toBe('NOT_FOUND');
  });

  it('words a domain error in the caller’s language and carries its code and retry time', () => {
    const failure = describeFailure(toTRPCError(new AppError('RATE_LIMITED', { retryAfterSeconds: 42 })), 'fr');
    expect(failure).toEqual({
      message: 'Trop de tentatives. Réessayez dans 42 secondes.',
      data: { appCode: 'RATE_LIMITED', retryAfterSeconds: 42 },
    });
  });

  it('never lets an unexpected error’s text out', () => {
    const failure = describeFailure(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('password=hunter2 at db.ts:12') }), 'en');
    expect(failure).toEqual({ message: 'Something went wrong on our side. Please try again.', data: { appCode: 'INTERNAL' } });
  });

  it('turns validation issues into per-field messages in the caller’s language', () => {
    const parsed = SignUpInput.safeParse({ email: 'not-an-email', password: 'short', name: '' });
    expect(parsed.success).toBe(false);
    const failure = describeFailure(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }), 'de');
    expect(failure.data.appCode).toBe('INVALID_INPUT');
    expect(failure.data.fields).toEqual({
      email: 'Geben Sie eine gültige E-Mail-Adresse ein.',
      password: 'Verwenden Sie mindestens 15 Zeichen.',
      name: 'Dieses Feld ist erforderlich.',
    });
  });
});

describe('input schemas', () => {
  it('normalise emails and addresses and refuse unknown keys', () => {
    const parsed = SignUpInput.parse({ email: '  Ada@Example.COM', password: 'x'.repeat(15), name: ' Ada ' });
    expect(parsed).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
    expect(SignUpInput.safeParse({ email: 'a@b.co', password: 'x'.repeat(15), name: 'A', isStaff: true }).success).toBe(false);
    expect(WorkspaceSlug.parse(' Acme ')).toBe('acme');
  });

  it('count password length in characters, not bytes, up to 256', () => {
    expect(NewPassword.safeParse('é'.repeat(15)).success).toBe(true);
    expect(NewPassword.safeParse('a'.repeat(257)).success).toBe(false);
    expect(z.string().safeParse(1).success).toBe(false);
  });
});
