import { Global, Module } from '@nestjs/common';
import { AdminPageSessions } from '../common/guards/admin-page-sessions';
import { UsersModule } from '../users/users.module';
import { JwtAdminPageSessions } from './admin-page-sessions';
import { AuthModule } from './auth.module';

/** Global, so that pages mounted outside the feature modules reach the sessions through common's token alone. */
@Global()
@Module({
  imports: [AuthModule, UsersModule],
  providers: [{ provide: AdminPageSessions, useClass: JwtAdminPageSessions }],
  exports: [AdminPageSessions],
})
export class AdminPageSessionsModule {}
