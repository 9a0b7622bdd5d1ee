import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppCacheService } from '../cache/app-cache.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { UserDto } from '../users/dto/users.dto';
import { User } from '../users/entities/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import { AccountCodeService, CODE_LIFETIME_MINUTES, CodeSentRecentlyError } from './account-code.service';
import { LoginDto, RegisterDto, ResetPasswordDto, TokensDto } from './dto/auth.dto';
import { CodePurpose } from './entities/account-code.entity';
import { IssuedTokens, TokenService } from './token.service';

/** Each code's mail, and the client page where the code is entered (it reads `?email=` to fill the address in). */
const CODE_MAILS = {
  [CodePurpose.VerifyEmail]: { template: 'account-code', subject: 'Your verification code', page: 'verify-email' },
  [CodePurpose.ResetPassword]: { template: 'password-reset', subject: 'Your password reset code', page: 'reset-password' },
} as const;

/** Accounts and sessions: R-AUTH-1..4. */
@Injectable()
export class AuthService {
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly codes: AccountCodeService,
    private readonly tokens: TokenService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly cache: AppCacheService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.publicUrl = config.get('app', { infer: true }).publicUrl;
  }

  async register(input: RegisterDto): Promise<UserDto> {
    const user = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.createDriver(input, manager);
      await this.sendCode(created, CodePurpose.VerifyEmail, await this.codes.issue(created.id, CodePurpose.VerifyEmail, manager), manager);
      return created;
    });
    // The admin dashboard counts new drivers per day.
    await this.cache.invalidate('stats');
    return UserDto.from(user);
  }

  /** Confirms the e-mail address and signs the user in. */
  async verifyEmail(email: string, code: string): Promise<TokensDto> {
    const user = await this.users.findByEmail(email);
    if (!user) throw new DomainError('INVALID_CODE');
    if (user.emailVerifiedAt) throw new DomainError('ALREADY_VERIFIED');
    await this.codes.consume(user.id, CodePurpose.VerifyEmail, code);
    return this.dataSource.transaction(async (manager) => {
      await this.users.markVerified(user.id, this.clock.now(), manager);
      user.emailVerifiedAt = this.clock.now();
      this.assertActive(user);
      return this.signIn(user, manager);
    });
  }

  /** Sends a new verification code; answers the same whether or not the account exists. */
  async resendCode(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.emailVerifiedAt || !user.isActive) return;
    await this.issueAndSendUnlessRecent(user, CodePurpose.VerifyEmail);
  }

  async login({ login, password }: LoginDto): Promise<TokensDto> {
    const user = await this.users.findForLogin(login);
    // The hash is always verified, against a decoy when there is no account, so both misses look alike.
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !passwordMatches) throw new DomainError('INVALID_CREDENTIALS');
    this.assertActive(user);
    // The address lets a client signed in by username open the code page with it. Only someone who knows
    // the password gets this far, so it tells a stranger nothing.
    if (!user.emailVerifiedAt) throw new DomainError('EMAIL_NOT_VERIFIED', undefined, { email: user.email });
    return this.signIn(user, this.dataSource.manager);
  }

  async refresh(refreshToken: string): Promise<TokensDto> {
    let signedIn: User | undefined;
    const tokens = await this.tokens.rotate(refreshToken, async (userId, manager) => {
      signedIn = await manager.findOneByOrFail(User, { id: userId });
      this.assertActive(signedIn);
      return signedIn;
    });
    return this.withUser(tokens, signedIn!);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  /** Sends a reset code to an active account; answers the same whether or not it exists. */
  async forgotPassword(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || !user.isActive) return;
    await this.issueAndSendUnlessRecent(user, CodePurpose.ResetPassword);
  }

  /** Sets a new password and ends every session of the account (R-AUTH-4). */
  async resetPassword({ email, code, newPassword }: ResetPasswordDto): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) throw new DomainError('INVALID_CODE');
    await this.codes.consume(user.id, CodePurpose.ResetPassword, code);
    await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(user.id, newPassword, manager);
      // The code reached the mailbox, which proves the address as well as a verification code would.
      await this.users.markVerified(user.id, this.clock.now(), manager);
      await this.tokens.revokeAllOf(user.id, manager);
    });
  }

  async me(userId: string): Promise<UserDto> {
    return UserDto.from(await this.users.getById(userId));
  }

  private assertActive(user: User): void {
    if (!user.isActive) throw new DomainError('ACCOUNT_DISABLED');
  }

  private async signIn(user: User, manager: EntityManager): Promise<TokensDto> {
    return this.withUser(await this.tokens.issue(user, manager), user);
  }

  private withUser(tokens: IssuedTokens, user: User): TokensDto {
    return { ...tokens, tokenType: 'Bearer', user: UserDto.from(user) };
  }

  /**
   * The once-a-minute rule holds silently: the caller gets the answer an unknown account gets, since a
   * refusal would tell that the account exists (R-ROB-5).
   */
  private async issueAndSendUnlessRecent(user: User, purpose: CodePurpose): Promise<void> {
    try {
      await this.issueAndSend(user, purpose);
    } catch (error) {
      if (!(error instanceof CodeSentRecentlyError)) throw error;
    }
  }

  private async issueAndSend(user: User, purpose: CodePurpose): Promise<void> {
    await this.dataSource.transaction(async (manager) => this.sendCode(user, purpose, await this.codes.issue(user.id, purpose, manager), manager));
  }

  /** Written to the outbox in the transaction that stores the code: the code is mailed if and only if it is stored. */
  private async sendCode(user: User, purpose: CodePurpose, code: string, manager: EntityManager): Promise<void> {
    const { template, subject, page } = CODE_MAILS[purpose];
    const codePageUrl = `${this.publicUrl}/${page}?email=${encodeURIComponent(user.email)}`;
    const context = { name: user.fullName ?? user.username, code, minutes: CODE_LIFETIME_MINUTES, codePageUrl };
    await this.outbox.addMail(
      manager,
      { to: user.email, subject, template, context },
      // Every code is a mail of its own.
      `${purpose}:${user.id}:${randomUUID()}`,
    );
  }
}
