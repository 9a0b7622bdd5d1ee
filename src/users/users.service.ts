import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { Role } from '../common/decorators/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { Page, toPage } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { isViolationOf, PG } from '../database/pg-errors';
import { DisabledUsersStore } from './disabled-users.store';
import { AdminUserDto, ListUsersQueryDto, UserDto } from './dto/users.dto';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  username: string;
  password: string;
  fullName?: string | null;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly currency: string;

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly disabledUsers: DisabledUsersStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.currency = config.get('app', { infer: true }).currency;
  }

  async getById(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('User');
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  findForLogin(login: string): Promise<User | null> {
    return this.users.findForLogin(login);
  }

  /** Creates an unverified driver account; duplicates are refused by the unique indexes. */
  async createDriver(input: NewUser, manager: EntityManager): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await manager.save(
        manager.create(User, {
          email: input.email.toLowerCase(),
          username: input.username,
          fullName: input.fullName ?? null,
          passwordHash,
          role: Role.User,
        }),
      );
    } catch (error) {
      if (isViolationOf(error, PG.UNIQUE_VIOLATION, 'users_username_lower_key')) throw new DomainError('USERNAME_TAKEN');
      if (isViolationOf(error, PG.UNIQUE_VIOLATION)) throw new DomainError('EMAIL_TAKEN');
      throw error;
    }
  }

  async setPassword(userId: string, password: string, manager: EntityManager): Promise<void> {
    await manager.update(User, { id: userId }, { passwordHash: await this.hasher.hash(password) });
  }

  async markVerified(userId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().update(User).set({ emailVerifiedAt: at }).where('id = :userId AND email_verified_at IS NULL', { userId }).execute();
  }

  async list(query: ListUsersQueryDto): Promise<Page<AdminUserDto>> {
    const [users, total] = await this.users.list({ ...query, offset: query.offset, limit: query.pageSize });
    const stats = await this.users.bookingStats(users.map((user) => user.id));
    const items = users.map((user) => {
      const activity = stats.get(user.id);
      return {
        ...UserDto.from(user),
        bookingsCount: activity?.bookings_count ?? 0,
        totalSpentCents: activity?.total_spent_cents ?? 0,
        currency: this.currency,
        lastBookingAt: activity?.last_booking_at?.toISOString() ?? null,
      };
    });
    return toPage(items, total, query);
  }

  /** Deactivates or reactivates an account; effective at once for tokens already issued. */
  async setActive(actor: AuthUser, userId: string, isActive: boolean): Promise<UserDto> {
    if (!isActive && actor.id === userId) throw new DomainError('CANNOT_DEACTIVATE_SELF');
    const user = await this.getById(userId);
    user.isActive = isActive;
    await this.users.save(user);
    if (isActive) await this.disabledUsers.clear(userId);
    else await this.disabledUsers.markDisabled(userId);
    return UserDto.from(user);
  }

  /**
   * The start-up admin of R-AUTH-6: created when the e-mail is unknown, left alone when it exists. An
   * existing non-admin account with that e-mail is not promoted silently: that is the CLI's job.
   */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (existing.role !== Role.Admin) {
        this.logger.warn(`ADMIN_EMAIL ${email} belongs to a non-admin account; run "npm run create-admin" to promote it`);
      }
      return;
    }
    const created = await this.users.insertIfAbsent({
      email: email.toLowerCase(),
      username: await this.freeAdminUsername(email),
      passwordHash: await this.hasher.hash(password),
      role: Role.Admin,
      emailVerifiedAt: new Date(),
    });
    if (created) this.logger.log(`Created the admin account ${email}`);
  }

  /** Creates the admin, or resets an existing account of that e-mail to an active, verified admin. */
  async createOrResetAdmin(email: string, password: string): Promise<'created' | 'reset'> {
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      await this.ensureAdmin(email, password);
      return 'created';
    }
    Object.assign(existing, {
      role: Role.Admin,
      isActive: true,
      emailVerifiedAt: existing.emailVerifiedAt ?? new Date(),
      passwordHash: await this.hasher.hash(password),
    });
    await this.users.save(existing);
    await this.disabledUsers.clear(existing.id);
    return 'reset';
  }

  private async freeAdminUsername(email: string): Promise<string> {
    const base = email.split('@')[0].replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 24).padEnd(3, '_');
    const taken = await this.users.findForLogin(base);
    return taken ? `${base}-${Math.random().toString(36).slice(2, 8)}` : base;
  }
}
