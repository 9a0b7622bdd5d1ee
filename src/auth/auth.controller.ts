import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import { UserDto } from '../users/dto/users.dto';
import { AuthService } from './auth.service';
import { EmailDto, LoginDto, MessageDto, RefreshTokenDto, RegisterDto, ResetPasswordDto, TokensDto, VerifyEmailDto } from './dto/auth.dto';
import { AuthRateLimited } from './rate-limit.guard';

const CODE_SENT: MessageDto = { message: 'If the account can receive one, a code has been sent' };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthRateLimited()
  @Post('register')
  @ApiCreatedResponse({ type: UserDto, description: 'Account created, unverified; a code was e-mailed' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'EMAIL_TAKEN or USERNAME_TAKEN' })
  register(@Body() body: RegisterDto) {
    return this.auth.register(body);
  }

  @Public()
  @AuthRateLimited()
  @Post('verify-email')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokensDto, description: 'E-mail verified; signed in' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'INVALID_CODE' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'ALREADY_VERIFIED' })
  verifyEmail(@Body() body: VerifyEmailDto) {
    return this.auth.verifyEmail(body.email, body.code);
  }

  @Public()
  @AuthRateLimited()
  @Post('resend-code')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MessageDto })
  async resendCode(@Body() body: EmailDto): Promise<MessageDto> {
    await this.auth.resendCode(body.email);
    return CODE_SENT;
  }

  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'INVALID_CREDENTIALS' })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'EMAIL_NOT_VERIFIED or ACCOUNT_DISABLED' })
  login(@Body() body: LoginDto) {
    return this.auth.login(body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokensDto, description: 'A new token pair; the presented refresh token is used up' })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'INVALID_REFRESH_TOKEN or REFRESH_TOKEN_REUSED' })
  refresh(@Body() body: RefreshTokenDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The sign-in of this refresh token is ended' })
  logout(@Body() body: RefreshTokenDto) {
    return this.auth.logout(body.refreshToken);
  }

  @Public()
  @AuthRateLimited()
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MessageDto })
  async forgotPassword(@Body() body: EmailDto): Promise<MessageDto> {
    await this.auth.forgotPassword(body.email);
    return CODE_SENT;
  }

  @Public()
  @AuthRateLimited()
  @Post('reset-password')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MessageDto, description: 'Password changed; every session of the account ended' })
  @ApiBadRequestResponse({ type: ErrorBodyDto, description: 'INVALID_CODE or VALIDATION_FAILED' })
  async resetPassword(@Body() body: ResetPasswordDto): Promise<MessageDto> {
    await this.auth.resetPassword(body);
    return { message: 'Password changed; sign in with the new password' };
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user.id);
  }
}
