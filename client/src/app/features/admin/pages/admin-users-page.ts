import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { AdminUserDto, Role } from '../../../api/models';
import { AdminApi } from '../../../api/services';
import { AuthStore } from '../../../core/auth/auth-store';
import { debouncedSignal } from '../../../shared/debounced';
import { MoneyPipe } from '../../../shared/money.pipe';
import { FigurePipe, formatFigure } from '../../../shared/number-format';
import { PagedTable } from '../../../shared/paged-table';
import { createPaging } from '../../../shared/paging';
import { injectQuery } from '../../../shared/query';
import { SearchField } from '../../../shared/search-field';
import { AdminActions } from '../admin-actions';

type ActiveFilter = '' | 'active' | 'inactive';

/** Every account with its booking activity; an admin finds one and deactivates or reactivates it. */
@Component({
  selector: 'app-admin-users-page',
  imports: [
    DatePipe,
    FigurePipe,
    MoneyPipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTableModule,
    PagedTable,
    SearchField,
  ],
  templateUrl: './admin-users-page.html',
  styleUrl: './admin-users-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsersPage {
  private readonly api = inject(AdminApi);
  protected readonly actions = inject(AdminActions);
  protected readonly me = inject(AuthStore).user;
  protected readonly columns = ['user', 'state', 'bookings', 'spent', 'lastBooking', 'actions'];

  protected readonly search = signal('');
  private readonly query = debouncedSignal(this.search);
  protected readonly role = signal<Role | ''>('');
  protected readonly active = signal<ActiveFilter>('');
  protected readonly paging = createPaging(25);

  protected readonly users = injectQuery(
    () => ({
      search: this.query().trim() || undefined,
      role: this.role() || undefined,
      isActive: this.active() === '' ? undefined : this.active() === 'active',
      page: this.paging.page(),
      pageSize: this.paging.pageSize(),
      version: this.actions.version(),
    }),
    ({ version: _version, ...params }) => this.api.listUsers(params),
  );

  /**
   * The bookings link's purpose for a screen reader, which would otherwise hear only its number; the
   * number stays in it, so "click 3" still works by voice.
   */
  protected bookingsLinkLabel(user: AdminUserDto): string {
    const count = user.bookingsCount;
    const who = user.fullName ? `${user.fullName} (${user.username})` : user.username;
    return `Show the ${formatFigure(count)} ${count === 1 ? 'booking' : 'bookings'} of ${who}`;
  }

  protected filterRole(role: Role | ''): void {
    this.role.set(role);
    this.paging.restart();
  }

  protected filterActive(active: ActiveFilter): void {
    this.active.set(active);
    this.paging.restart();
  }
}
