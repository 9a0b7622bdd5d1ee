import { DynamicModule, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AdminPageSessionsModule } from './auth/admin-page-sessions.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { BookingsModule } from './bookings/bookings.module';
import { AppCacheModule } from './cache/cache.module';
import { CommonModule } from './common/common.module';
import { RolesGuard } from './common/guards/roles.guard';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { loggingOptions } from './logging';
import { LotsModule } from './lots/lots.module';
import { MailModule } from './mail/mail.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueDashboardModule } from './queues/queue-dashboard.module';
import { QueuesModule } from './queues/queues.module';
import { QuotesModule } from './quotes/quotes.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { StatsModule } from './stats/stats.module';
import { UsersModule } from './users/users.module';
import { UsersService } from './users/users.service';

export interface AppModuleOptions {
  /** The validated configuration, with the database URL resolved (embedded or given). */
  config: AppConfig;
  /** Also run the worker's schedules and queue processors in this process. */
  worker: boolean;
}

/** Creates the admin account of the environment (R-AUTH-6) once the database is reachable. */
class AdminAccountInitializer implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.get('auth', { infer: true });
    await this.users.ensureAdmin(adminEmail, adminPassword);
  }
}

@Module({})
export class AppModule {
  static forRoot({ config, worker }: AppModuleOptions): DynamicModule {
    if (!config.db.url) throw new Error('The database URL must be resolved before the app module is built');
    const dbUrl = config.db.url;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        LoggerModule.forRoot(loggingOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(dbUrl, config.db.poolSize, config.bookings),
          // R-OPS-6: development applies pending migrations at start; production runs them as a deploy step.
          migrationsRun: config.app.env !== 'production',
        }),
        CommonModule,
        RedisModule,
        AppCacheModule,
        QueuesModule,
        MailModule.forRoot({ worker }),
        OutboxModule.forRoot({ worker }),
        UsersModule,
        AuthModule,
        AdminPageSessionsModule,
        LotsModule,
        QuotesModule,
        BookingsModule.forRoot({ worker }),
        ReportsModule.forRoot({ worker }),
        ExportsModule.forRoot({ worker }),
        StatsModule,
        HealthModule,
        QueueDashboardModule,
        ...(worker ? [ScheduleModule.forRoot()] : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: AdminAccountInitializer, inject: [UsersService, ConfigService], useFactory: (u: UsersService, c: ConfigService<AppConfig, true>) => new AdminAccountInitializer(u, c) },
      ],
    };
  }
}
