import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  let hash: string;

  beforeAll(async () => {
    hash = await hasher.hash('secret123');
  });

  it('hashes with argon2id and a random salt', async () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,/);
    expect(hash).not.toContain('secret123');
    expect(await hasher.hash('secret123')).not.toBe(hash);
  });

  it('verifies the right password only', async () => {
    expect(await hasher.verify(hash, 'secret123')).toBe(true);
    expect(await hasher.verify(hash, 'secret124')).toBe(false);
    expect(await hasher.verify(hash, 'Secret123')).toBe(false);
  });

  it('answers false without a hash, even for the decoy password', async () => {
    expect(await hasher.verify(undefined, 'secret123')).toBe(false);
    expect(await hasher.verify(undefined, 'decoy-password-for-equal-timing')).toBe(false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    await expect(hasher.verify('not-a-hash', 'secret123')).resolves.toBe(false);
  });
});
