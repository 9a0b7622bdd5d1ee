import { join } from 'node:path';
import { buildConfig } from './app-config';
import { EnvironmentError, EXAMPLE_ADMIN_EMAIL, EXAMPLE_SECRETS } from './environment';

describe('buildConfig', () => {
  const dataDir = join(process.cwd(), '.data');

  it('applies every documented default to an empty environment', () => {
    expect(buildConfig({})).toEqual({
      app: {
        env: 'development',
        port: 3000,
        logLevel: 'info',
        timeZone: 'UTC',
        currency: 'USD',
        trustProxy: false,
        publicUrl: 'http://localhost:3000',
        exportDir: join(dataDir, 'exports'),
        shutdownDrainMs: 100,
      },
      db: { url: undefined, poolSize: 20, embeddedPort: 54329, embeddedDir: join(dataDir, 'pg') },
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'parking' },
      auth: {
        jwtSecret: EXAMPLE_SECRETS.JWT_SECRET,
        accessTtl: '15m',
        refreshTtl: '7d',
        adminEmail: EXAMPLE_ADMIN_EMAIL,
        adminPassword: EXAMPLE_SECRETS.ADMIN_PASSWORD,
        rateLimitPerMinute: 10,
      },
      mail: { from: 'Vehicle Parking <no-reply@parking.local>', outboxDir: join(dataDir, 'mail'), smtp: undefined },
      cache: { ttlSeconds: 30 },
      bookings: { maxUpcomingReservations: 5, maxActiveBookings: 3, parkNowMinFreeMinutes: 60 },
    });
  });

  it('uses the values that are set', () => {
    const config = buildConfig({
      PORT: '8080',
      APP_TIMEZONE: 'Europe/Paris',
      CURRENCY: 'EUR',
      AUTH_RATE_LIMIT: '5',
      CACHE_TTL_SECONDS: '60',
      JWT_ACCESS_TTL: '5m',
      ADMIN_EMAIL: 'Boss@Example.COM',
      MAIL_OUTBOX_DIR: '/tmp/outbox',
    });
    expect(config.app).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080', timeZone: 'Europe/Paris', currency: 'EUR' });
    expect(config.auth).toMatchObject({ rateLimitPerMinute: 5, accessTtl: '5m', refreshTtl: '7d', adminEmail: 'boss@example.com' });
    expect(config.cache.ttlSeconds).toBe(60);
    expect(config.mail.outboxDir).toBe('/tmp/outbox');
  });

  it('drains 5 s before a shutdown in production, 100 ms otherwise, unless SHUTDOWN_DRAIN_MS says', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), ADMIN_PASSWORD: 'Production1' };
    expect(buildConfig(production).app.shutdownDrainMs).toBe(5000);
    expect(buildConfig({ NODE_ENV: 'test' }).app.shutdownDrainMs).toBe(100);
    expect(buildConfig({ ...production, SHUTDOWN_DRAIN_MS: '0' }).app.shutdownDrainMs).toBe(0);
    expect(() => buildConfig({ SHUTDOWN_DRAIN_MS: '30000' })).toThrow(/SHUTDOWN_DRAIN_MS/);
  });

  it('drops a trailing slash of PUBLIC_URL', () => {
    expect(buildConfig({ PUBLIC_URL: 'https://parking.example.com/' }).app.publicUrl).toBe('https://parking.example.com');
  });

  it('configures SMTP only when SMTP_HOST is set', () => {
    expect(buildConfig({ SMTP_PORT: '2525', SMTP_USER: 'u' }).mail.smtp).toBeUndefined();
    expect(buildConfig({ SMTP_HOST: 'mail.local' }).mail.smtp).toEqual({
      host: 'mail.local',
      port: 587,
      secure: false,
      user: undefined,
      password: undefined,
    });
  });

  it('defaults the SMTP port to 465 when secure, and an explicit port wins', () => {
    expect(buildConfig({ SMTP_HOST: 'mail.local', SMTP_SECURE: 'true' }).mail.smtp).toMatchObject({ port: 465, secure: true });
    expect(buildConfig({ SMTP_HOST: 'mail.local', SMTP_SECURE: 'false' }).mail.smtp).toMatchObject({ port: 587, secure: false });
    const smtp = buildConfig({ SMTP_HOST: 'mail.local', SMTP_SECURE: 'true', SMTP_PORT: '2525', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).mail.smtp;
    expect(smtp).toEqual({ host: 'mail.local', port: 2525, secure: true, user: 'u', password: 'p' });
  });

  it('throws EnvironmentError for a bad value', () => {
    expect(() => buildConfig({ PORT: 'abc' })).toThrow(EnvironmentError);
    expect(() => buildConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
