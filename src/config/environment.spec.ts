import { EnvironmentError, EXAMPLE_SECRETS, validateEnvironment } from './environment';

const REAL_SECRET = 'a-real-production-secret-of-48-characters-000000';

/** Runs the validation and returns the error it throws (fails the test when none is thrown). */
function refusal(raw: NodeJS.ProcessEnv): Error {
  try {
    validateEnvironment(raw);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('validateEnvironment', () => {
  it('accepts an empty environment and converts typed values', () => {
    expect(validateEnvironment({})).toMatchObject({ PORT: undefined, JWT_SECRET: undefined });
    const env = validateEnvironment({ PORT: '8080', SMTP_SECURE: 'yes', TRUST_PROXY: 'false', AUTH_RATE_LIMIT: '1' });
    expect(env).toMatchObject({ PORT: 8080, SMTP_SECURE: true, TRUST_PROXY: false, AUTH_RATE_LIMIT: 1 });
  });

  it('explains a non-integer by its type rather than a bound', () => {
    expect(refusal({ PORT: 'abc' }).message).toBe('Invalid environment variable PORT: PORT must be an integer number');
  });

  it('accepts a JWT_SECRET of exactly 32 characters', () => {
    expect(validateEnvironment({ JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toHaveLength(32);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3000.5'],
    ['PORT', '0x1F'],
    ['PORT', ' '],
    ['JWT_ACCESS_TTL', '15x'],
    ['JWT_REFRESH_TTL', '7 days'],
    ['APP_TIMEZONE', 'Mars/Base'],
    ['CURRENCY', 'usd'],
    ['CURRENCY', 'EURO'],
    ['JWT_SECRET', 'x'.repeat(31)],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost/parking'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['REDIS_PREFIX', 'has space'],
    ['EMBEDDED_PG_PORT', '80'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['ADMIN_PASSWORD', 'short'],
    ['SMTP_PORT', '0'],
    ['AUTH_RATE_LIMIT', '0'],
    ['CACHE_TTL_SECONDS', '86401'],
  ])('refuses %s=%j with a one-line EnvironmentError naming it', (name, value) => {
    const error = refusal({ [name]: value });
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(error.message).toContain(name);
    expect(error.message).not.toMatch(/\n/);
  });

  describe('in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: REAL_SECRET, ADMIN_PASSWORD: 'Real-admin-pass-9' };

    it('starts with real secrets', () => {
      expect(validateEnvironment(production)).toMatchObject({ NODE_ENV: 'production', JWT_SECRET: REAL_SECRET });
    });

    it.each(['JWT_SECRET', 'ADMIN_PASSWORD'] as const)('refuses a missing %s', (name) => {
      const error = refusal({ ...production, [name]: undefined });
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error.message).toBe(`Missing environment variable ${name}: required in production`);
    });

    it.each(['JWT_SECRET', 'ADMIN_PASSWORD'] as const)('refuses the example %s', (name) => {
      const error = refusal({ ...production, [name]: EXAMPLE_SECRETS[name] });
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error.message).toBe(`Refusing environment variable ${name}: the example value cannot be used in production`);
    });

    it('allows the example secrets outside production', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'development', ...EXAMPLE_SECRETS })).not.toThrow();
      expect(() => validateEnvironment({ NODE_ENV: 'test', ...EXAMPLE_SECRETS })).not.toThrow();
    });
  });
});

describe('validateEnvironment boolean and pool variables', () => {
  it.each([['SMTP_SECURE', 'ture'], ['TRUST_PROXY', 'on'], ['DB_POOL_SIZE', 'abc'], ['DB_POOL_SIZE', '0'], ['JWT_ACCESS_TTL', '0s']])('refuses %s=%s', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`^Invalid environment variable ${name}:`));
  });

  it('keeps the message on one line whatever the value holds', () => {
    expect(() => validateEnvironment({ APP_TIMEZONE: 'Mars/Base\nX' })).toThrow(/^[^\n]+$/);
  });
});
