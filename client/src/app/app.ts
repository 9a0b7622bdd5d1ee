import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore } from './core/auth/auth-store';
import { BottomNav } from './core/layout/bottom-nav';
import { HeadingFocus } from './core/layout/heading-focus';
import { injectNavLinks } from './core/layout/nav-links';

/**
 * The shell: a toolbar with the role's links where they fit, a bottom bar on a phone instead, and the
 * routed page, whose heading takes the focus after each move to another page.
 */
@Component({
  selector: 'app-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    BottomNav,
    HeadingFocus,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(AuthStore);
  protected readonly links = injectNavLinks();
}
