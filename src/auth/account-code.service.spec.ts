import crypto from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { AccountCodeService, CodeSentRecentlyError } from './account-code.service';
import { AccountCode, CodePurpose } from './entities/account-code.entity';

const SECRET = 'unit-test-secret-of-at-least-32-characters';
const NOW = new Date('2026-11-22T09:00:00Z');
const USER = '3f2b8c1e-9d4a-4f6b-8e2a-1c5d7b9e0a12';
const hmac = (purpose: CodePurpose, code: string) => crypto.createHmac('sha256', SECRET).update(`${purpose}:${USER}:${code}`).digest('hex');
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

class FixedClock extends Clock {
  override now(): Date {
    return new Date(NOW);
  }
}

function setup() {
  const manager = {
    query: jest.fn().mockResolvedValue([{ id: 'code-1' }]),
    findOne: jest.fn(),
    increment: jest.fn().mockResolvedValue(undefined),
    delete: jest.fn().mockResolvedValue(undefined),
  };
  const dataSource = { transaction: jest.fn((work: (m: typeof manager) => Promise<unknown>) => work(manager)) };
  const config = { get: () => ({ jwtSecret: SECRET }) } as unknown as ConfigService<AppConfig, true>;
  const service = new AccountCodeService(dataSource as unknown as DataSource, new FixedClock(), config);
  const issue = () => service.issue(USER, CodePurpose.VerifyEmail, manager as unknown as EntityManager);
  const stored = (overrides: Partial<AccountCode> = {}) =>
    manager.findOne.mockResolvedValue({
      id: 'code-1',
      userId: USER,
      purpose: CodePurpose.VerifyEmail,
      codeHash: hmac(CodePurpose.VerifyEmail, '123456'),
      expiresAt: new Date(NOW.getTime() + 60_000),
      failedAttempts: 0,
      createdAt: secondsBefore(60),
      ...overrides,
    });
  return { manager, service, issue, stored };
}

describe('AccountCodeService', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('issue', () => {
    it('returns a 6-digit code and stores its HMAC, a 10-minute expiry and the 60 s resend interval', async () => {
      const { manager, issue } = setup();
      const code = await issue();
      expect(code).toMatch(/^\d{6}$/);
      expect(manager.query).toHaveBeenCalledTimes(1);
      const [sql, params] = manager.query.mock.calls[0] as [string, unknown[]];
      expect(sql).toMatch(/INSERT INTO account_codes/);
      expect(params).toEqual([USER, CodePurpose.VerifyEmail, hmac(CodePurpose.VerifyEmail, code), new Date('2026-11-22T09:10:00Z'), NOW, 60]);
      expect(params).not.toContain(code);
    });

    it('pads small codes to 6 digits', async () => {
      jest.spyOn(crypto, 'randomInt').mockImplementation(() => 42);
      await expect(setup().issue()).resolves.toBe('000042');
    });

    it('refuses a second code within the minute (the upsert returns no row) with CodeSentRecentlyError', async () => {
      const { manager, issue } = setup();
      manager.query.mockResolvedValue([]);
      await expect(issue()).rejects.toBeInstanceOf(CodeSentRecentlyError);
    });
  });

  describe('consume', () => {
    it('deletes the code when it matches', async () => {
      const { manager, service, stored } = setup();
      stored();
      await expect(service.consume(USER, CodePurpose.VerifyEmail, '123456')).resolves.toBeUndefined();
      expect(manager.findOne).toHaveBeenCalledWith(AccountCode, {
        where: { userId: USER, purpose: CodePurpose.VerifyEmail },
        lock: { mode: 'pessimistic_write' },
      });
      expect(manager.delete).toHaveBeenCalledWith(AccountCode, { id: 'code-1' });
      expect(manager.increment).not.toHaveBeenCalled();
    });

    it('accepts the code that issue returned', async () => {
      const { manager, service, issue, stored } = setup();
      const code = await issue();
      stored({ codeHash: (manager.query.mock.calls[0] as [string, string[]])[1][2] });
      await expect(service.consume(USER, CodePurpose.VerifyEmail, code)).resolves.toBeUndefined();
    });

    it('accepts the code on the last allowed attempt', async () => {
      const { service, stored } = setup();
      stored({ failedAttempts: 4 });
      await expect(service.consume(USER, CodePurpose.VerifyEmail, '123456')).resolves.toBeUndefined();
    });

    it.each([
      ['a wrong code', '654321', CodePurpose.VerifyEmail],
      ['the code of another purpose', '123456', CodePurpose.ResetPassword],
    ])('counts %s and throws INVALID_CODE', async (_case, code, purpose) => {
      const { manager, service, stored } = setup();
      stored();
      await expect(service.consume(USER, purpose, code)).rejects.toMatchObject({ code: 'INVALID_CODE', status: 400 });
      expect(manager.increment).toHaveBeenCalledWith(AccountCode, { id: 'code-1' }, 'failedAttempts', 1);
      expect(manager.delete).not.toHaveBeenCalled();
    });

    it.each([
      ['expired', { expiresAt: new Date(NOW) }],
      ['used up', { failedAttempts: 5 }],
    ])('refuses even the right code when %s, without counting', async (_case, overrides) => {
      const { manager, service, stored } = setup();
      stored(overrides);
      await expect(service.consume(USER, CodePurpose.VerifyEmail, '123456')).rejects.toMatchObject({ code: 'INVALID_CODE' });
      expect(manager.increment).not.toHaveBeenCalled();
      expect(manager.delete).not.toHaveBeenCalled();
    });

    it('throws INVALID_CODE when there is no code', async () => {
      const { manager, service } = setup();
      manager.findOne.mockResolvedValue(null);
      await expect(service.consume(USER, CodePurpose.VerifyEmail, '123456')).rejects.toBeInstanceOf(DomainError);
      expect(manager.increment).not.toHaveBeenCalled();
    });
  });
});
