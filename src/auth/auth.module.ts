import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccountCodeService } from './account-code.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccountCode } from './entities/account-code.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { JwtStrategy } from './jwt.strategy';
import { AuthRateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';
import { TokenService } from './token.service';
import { VerifiedAccessTokens } from './verified-access-tokens';

@Module({
  imports: [
    UsersModule,
    PassportModule,
    TypeOrmModule.forFeature([RefreshToken, AccountCode]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: config.get('auth', { infer: true }).jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, TokenService, AccountCodeService, RateLimitService, AuthRateLimitGuard, JwtStrategy, VerifiedAccessTokens],
  exports: [AuthService, JwtModule, VerifiedAccessTokens],
})
export class AuthModule {}
