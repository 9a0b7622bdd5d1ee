import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (R-AUTH-5) with OWASP's recommended cost: 19 MiB, 2 passes, 1 lane. */
// `algorithm: 2` is Algorithm.Argon2id, a const enum the package does not export at run time.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so a miss costs as long as a wrong password. */
  private readonly decoy = hash('decoy-password-for-equal-timing', OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await verify(passwordHash ?? (await this.decoy), password);
      return passwordHash !== undefined && matches;
    } catch {
      return false;
    }
  }
}
