import { DomainError } from '../../common/errors/domain-error';
import { createValidationPipe, FieldError } from '../../common/validation/validation.pipe';
import { EmailDto, LoginDto, RegisterDto, ResetPasswordDto, VerifyEmailDto } from './auth.dto';

type Dto = new () => object;

const parse = <T>(metatype: new () => T, body: object): Promise<T> =>
  createValidationPipe().transform(body, { type: 'body', metatype });

/** The fields the pipe refuses in `body`; [] when it is accepted. */
async function refusedFields(metatype: Dto, body: object): Promise<string[]> {
  try {
    await parse(metatype, body);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return ((error as DomainError).details as FieldError[]).map((d) => d.field);
  }
}

const register = { email: 'jane@example.com', username: 'jane_doe', password: 'secret123' };
// 64 + 1 + 189 = 254 characters (and one more), every part within the local-part and DNS label limits.
const longEmail = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 197)}.com`;
const email254 = longEmail(254);

describe('auth DTOs', () => {
  describe('RegisterDto (R-AUTH-1)', () => {
    it('accepts a valid body, trims and lower-cases the e-mail, trims the username, keeps the password as is', async () => {
      const dto = await parse(RegisterDto, { email: '  Jane@Example.COM ', username: ' Jane.Doe-1 ', password: ' secret123 ', fullName: ' Jane ' });
      expect(dto).toEqual({ email: 'jane@example.com', username: 'Jane.Doe-1', password: ' secret123 ', fullName: 'Jane' });
    });

    it.each(['not-an-email', 'jane@', '@example.com', 'jane@example', longEmail(255)])('refuses the e-mail %j', async (email) => {
      expect(await refusedFields(RegisterDto, { ...register, email })).toEqual(['email']);
    });

    it('accepts an e-mail of exactly 254 characters', async () => {
      expect(email254).toHaveLength(254);
      expect(await refusedFields(RegisterDto, { ...register, email: email254 })).toEqual([]);
    });

    it.each(['abc', 'a'.repeat(32), 'A.b-c_9'])('accepts the username %j', async (username) => {
      expect(await refusedFields(RegisterDto, { ...register, username })).toEqual([]);
    });

    it.each(['ab', 'a'.repeat(33), 'jane doe', 'jane!', 'jané', '  ab  ', 42])('refuses the username %j', async (username) => {
      expect(await refusedFields(RegisterDto, { ...register, username })).toEqual(['username']);
    });

    it.each(['abcdefg1', `a1${'x'.repeat(126)}`, '1234567a'])('accepts the password %j', async (password) => {
      expect(await refusedFields(RegisterDto, { ...register, password })).toEqual([]);
    });

    it.each(['abcdefgh', '12345678', 'abc1234', `a1${'x'.repeat(127)}`, 12345678])('refuses the password %j', async (password) => {
      expect(await refusedFields(RegisterDto, { ...register, password })).toEqual(['password']);
    });

    it('refuses a blank or too long full name', async () => {
      expect(await refusedFields(RegisterDto, { ...register, fullName: '   ' })).toEqual(['fullName']);
      expect(await refusedFields(RegisterDto, { ...register, fullName: 'x'.repeat(101) })).toEqual(['fullName']);
    });

    it('refuses unknown fields such as a role', async () => {
      expect(await refusedFields(RegisterDto, { ...register, role: 'admin' })).toEqual(['role']);
    });

    it('lists every missing field', async () => {
      expect((await refusedFields(RegisterDto, {})).sort()).toEqual(['email', 'password', 'username']);
    });
  });

  describe('VerifyEmailDto', () => {
    it('accepts a 6-digit code', async () => {
      expect(await parse(VerifyEmailDto, { email: ' Jane@Example.com', code: '012345' })).toEqual({ email: 'jane@example.com', code: '012345' });
    });

    it.each(['12345', '1234567', '12345a', ' 123456', 123456])('refuses the code %j', async (code) => {
      expect(await refusedFields(VerifyEmailDto, { email: 'jane@example.com', code })).toEqual(['code']);
    });
  });

  describe('LoginDto', () => {
    it('accepts an e-mail or username with any non-empty password', async () => {
      expect(await parse(LoginDto, { login: ' jane_doe ', password: 'x' })).toEqual({ login: 'jane_doe', password: 'x' });
    });

    it.each([
      [{ login: '', password: 'secret123' }, 'login'],
      [{ login: '   ', password: 'secret123' }, 'login'],
      [{ login: 'x'.repeat(255), password: 'secret123' }, 'login'],
      [{ login: 'jane', password: '' }, 'password'],
      [{ login: 'jane', password: 'x'.repeat(129) }, 'password'],
      [{ login: 'jane', password: 'secret123', remember: true }, 'remember'],
    ])('refuses %j', async (body, field) => {
      expect(await refusedFields(LoginDto, body)).toEqual([field]);
    });
  });

  it('EmailDto and ResetPasswordDto apply the same e-mail and password rules', async () => {
    expect(await parse(EmailDto, { email: ' A@B.CO ' })).toEqual({ email: 'a@b.co' });
    expect(await refusedFields(EmailDto, { email: 'nope' })).toEqual(['email']);
    const reset = { email: 'jane@example.com', code: '123456', newPassword: 'newpass12' };
    expect(await refusedFields(ResetPasswordDto, reset)).toEqual([]);
    expect(await refusedFields(ResetPasswordDto, { ...reset, newPassword: 'abcdefgh' })).toEqual(['newPassword']);
  });
});
