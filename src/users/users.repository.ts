import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from '../common/decorators/roles.decorator';
import { User } from './entities/user.entity';

export interface UserBookingStats {
  bookings_count: number;
  total_spent_cents: number;
  last_booking_at: Date | null;
}

export interface UserFilter {
  search?: string;
  role?: Role;
  isActive?: boolean;
  offset: number;
  limit: number;
}

/** Queries on users that are more than a find. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  /** By e-mail when the login contains "@", else by username ignoring case; includes the password hash. */
  findForLogin(login: string): Promise<User | null> {
    const query = this.users.createQueryBuilder('user').addSelect('user.passwordHash');
    return login.includes('@')
      ? query.where('user.email = :email', { email: login.toLowerCase() }).getOne()
      : query.where('lower(user.username) = lower(:username)', { username: login }).getOne();
  }

  save(user: User): Promise<User> {
    return this.users.save(user);
  }

  async list(filter: UserFilter): Promise<[User[], number]> {
    const query = this.users.createQueryBuilder('user');
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(user.email ILIKE :pattern OR user.username ILIKE :pattern OR user.fullName ILIKE :pattern)', { pattern });
    }
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.isActive !== undefined) query.andWhere('user.isActive = :isActive', { isActive: filter.isActive });
    return query.orderBy('user.createdAt', 'DESC').addOrderBy('user.id').skip(filter.offset).take(filter.limit).getManyAndCount();
  }

  /** Booking activity of a page of users, in one grouped query (bookings_user_start_idx). */
  async bookingStats(userIds: string[]): Promise<Map<string, UserBookingStats>> {
    if (userIds.length === 0) return new Map();
    const rows: (UserBookingStats & { user_id: string })[] = await this.users.query(
      `SELECT user_id, count(*)::int AS bookings_count,
              COALESCE(sum(cost_cents) FILTER (WHERE status IN ('completed', 'expired')), 0)::bigint::float8 AS total_spent_cents,
              max(start_at) AS last_booking_at
       FROM bookings WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row]));
  }

  /** Inserts unless the e-mail or username exists; returns whether a row was written. */
  async insertIfAbsent(user: Partial<User>, manager: EntityManager = this.users.manager): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(User).values(user).orIgnore().execute();
    return (result.raw as unknown[]).length > 0;
  }
}
