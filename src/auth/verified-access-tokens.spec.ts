import type { Request } from 'express';
import { Role } from '../common/decorators/roles.decorator';
import type { DisabledUsersStore } from '../users/disabled-users.store';
import { accessTokenOf, VerifiedAccessTokens } from './verified-access-tokens';

describe('VerifiedAccessTokens', () => {
  const disabled = new Set<string>();
  const tokens = () => new VerifiedAccessTokens({ isDisabled: (id: string) => disabled.has(id) } as unknown as DisabledUsersStore);
  const driver = { id: 'driver-1', role: Role.User };
  const inAMinute = () => Date.now() / 1000 + 60;

  afterEach(() => {
    disabled.clear();
    jest.useRealTimers();
  });

  it('recalls the account of a remembered token, and nothing for another token', () => {
    const verified = tokens();
    verified.remember('a.b.c', driver, inAMinute());
    expect(verified.recall('a.b.c')).toEqual(driver);
    expect(verified.recall('a.b.d')).toBeUndefined();
    expect(verified.recall('a.b.c ')).toBeUndefined();
  });

  it('forgets a token when it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
    const verified = tokens();
    verified.remember('a.b.c', driver, Date.parse('2026-12-03T10:15:00Z') / 1000);
    jest.setSystemTime(new Date('2026-12-03T10:14:59.999Z'));
    expect(verified.recall('a.b.c')).toEqual(driver);
    jest.setSystemTime(new Date('2026-12-03T10:15:00Z'));
    expect(verified.recall('a.b.c')).toBeUndefined();
    jest.setSystemTime(new Date('2026-12-03T10:14:00Z'));
    expect(verified.recall('a.b.c')).toBeUndefined();
  });

  it('does not vouch for a deactivated account, and does again once it is reactivated', () => {
    const verified = tokens();
    verified.remember('a.b.c', driver, inAMinute());
    disabled.add(driver.id);
    expect(verified.recall('a.b.c')).toBeUndefined();
    disabled.delete(driver.id);
    expect(verified.recall('a.b.c')).toEqual(driver);
  });

  it('hands out an account that callers cannot change', () => {
    const verified = tokens();
    const user = { ...driver };
    verified.remember('a.b.c', user, inAMinute());
    user.role = Role.Admin;
    const recalled = verified.recall('a.b.c')!;
    expect(recalled.role).toBe(Role.User);
    expect(Object.isFrozen(recalled)).toBe(true);
  });

  it('forgets the oldest token once it holds 10,000', () => {
    const verified = tokens();
    for (let i = 0; i <= 10_000; i++) verified.remember(`token-${i}`, driver, inAMinute());
    expect(verified.recall('token-0')).toBeUndefined();
    expect(verified.recall('token-1')).toEqual(driver);
    expect(verified.recall('token-10000')).toEqual(driver);
  });

  it('reads the token of an Authorization: Bearer header only', () => {
    expect(accessTokenOf({ headers: { authorization: 'Bearer a.b.c' } } as Request)).toBe('a.b.c');
    expect(accessTokenOf({ headers: { authorization: 'Basic YTpi' } } as Request)).toBeNull();
    expect(accessTokenOf({ headers: {} } as Request)).toBeNull();
  });
});
