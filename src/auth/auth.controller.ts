import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { NoStore } from '../common/decorators/no-store.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/errors/api-errors.decorator';
import { UserDto } from '../users/dto/users.dto';
import { AuthService } from './auth.service';
import { EmailDto, LoginDto, MessageDto, RefreshTokenDto, RegisterDto, ResetPasswordDto, TokensDto, VerifyEmailDto } from './dto/auth.dto';
import { AuthRateLimited, OverAccountLimit } from './rate-limit.guard';

const CODE_SENT: MessageDto = { message: 'If the account can receive one, a code has been sent' };

// Tokens and account details must not stay in a browser's or a proxy's cache (R-ROB-5).
@NoStore()
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthRateLimited()
  @Post('register')
  @ApiOperation({ summary: 'Register a driver account' })
  @ApiCreatedResponse({ type: UserDto, description: 'Account created, unverified; a code was e-mailed' })
  @ApiErrors('EMAIL_TAKEN', 'USERNAME_TAKEN')
  register(@Body() body: RegisterDto) {
    return this.auth.register(body);
  }

  @Public()
  @AuthRateLimited()
  @Post('verify-email')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify the e-mail address with the mailed code and sign in' })
  @ApiOkResponse({ type: TokensDto, description: 'E-mail verified; signed in' })
  @ApiErrors('INVALID_CODE', 'ALREADY_VERIFIED', 'ACCOUNT_DISABLED')
  verifyEmail(@Body() body: VerifyEmailDto) {
    return this.auth.verifyEmail(body.email, body.code);
  }

  @Public()
  @AuthRateLimited({ perAccount: 'silent' })
  @Post('resend-code')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a new verification code' })
  @ApiAcceptedResponse({ type: MessageDto })
  async resendCode(@Body() body: EmailDto, @OverAccountLimit() overLimit: boolean): Promise<MessageDto> {
    // Over the account's limit nothing is sent, yet the answer is the same: a 429 would tell that it exists.
    if (!overLimit) await this.auth.resendCode(body.email);
    return CODE_SENT;
  }

  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with e-mail or username and password',
    description:
      'A wrong login or password is 401 `INVALID_CREDENTIALS` whether or not the account exists. Past the password check, a ' +
      'deactivated account is 403 `ACCOUNT_DISABLED` and an unverified one 403 `EMAIL_NOT_VERIFIED` with `details.email`: the ' +
      'address to resend the code to and verify, also when the login was a username.',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiErrors('INVALID_CREDENTIALS', 'EMAIL_NOT_VERIFIED', 'ACCOUNT_DISABLED')
  login(@Body() body: LoginDto) {
    return this.auth.login(body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair' })
  @ApiOkResponse({ type: TokensDto, description: 'A new token pair; the presented refresh token is used up' })
  @ApiErrors('INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED', 'ACCOUNT_DISABLED')
  refresh(@Body() body: RefreshTokenDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: revoke the sign-in of a refresh token' })
  @ApiNoContentResponse({ description: 'The sign-in of this refresh token is ended' })
  logout(@Body() body: RefreshTokenDto) {
    return this.auth.logout(body.refreshToken);
  }

  @Public()
  @AuthRateLimited({ perAccount: 'silent' })
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a password reset code' })
  @ApiAcceptedResponse({ type: MessageDto })
  async forgotPassword(@Body() body: EmailDto, @OverAccountLimit() overLimit: boolean): Promise<MessageDto> {
    if (!overLimit) await this.auth.forgotPassword(body.email);
    return CODE_SENT;
  }

  @Public()
  @AuthRateLimited()
  @Post('reset-password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Set a new password with the mailed reset code' })
  @ApiOkResponse({ type: MessageDto, description: 'Password changed; every session of the account ended' })
  @ApiErrors('INVALID_CODE')
  async resetPassword(@Body() body: ResetPasswordDto): Promise<MessageDto> {
    await this.auth.resetPassword(body);
    return { message: 'Password changed; sign in with the new password' };
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in caller' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user.id);
  }
}
