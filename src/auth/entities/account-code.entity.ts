import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../../users/entities/user.entity';

export enum CodePurpose {
  VerifyEmail = 'verify_email',
  ResetPassword = 'reset_password',
}

/** The one live e-mailed code per account and purpose, stored as an HMAC (R-AUTH-1, R-AUTH-4). */
@Entity('account_codes')
@Unique('account_codes_user_purpose_key', ['userId', 'purpose'])
export class AccountCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'enum', enum: CodePurpose, enumName: 'account_code_purpose' })
  purpose: CodePurpose;

  @Column({ type: 'char', length: 64 })
  codeHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'smallint', default: 0 })
  failedAttempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
