import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { injectBottomBarLinks, isActiveLink } from './nav-links';
import { injectCurrentPath } from './url-path';

/**
 * A phone's navigation: the role's main destinations along the bottom edge, in reach of a thumb, each
 * an icon over its label (the toolbar has no room for them). The shell shows it only on narrow screens.
 */
@Component({
  selector: 'app-bottom-nav',
  imports: [RouterLink, MatIconModule],
  template: `
    <nav class="bar" aria-label="Main">
      @for (item of items(); track item.link.path) {
        <a
          class="item"
          [class.active]="item.active"
          [routerLink]="item.link.path"
          [attr.aria-current]="item.active ? 'page' : null"
        >
          <span class="indicator"
            ><mat-icon aria-hidden="true">{{ item.link.icon }}</mat-icon></span
          >
          <span class="label">{{ item.link.shortLabel ?? item.link.label }}</span>
        </a>
      }
    </nav>
  `,
  styleUrl: './bottom-nav.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BottomNav {
  private readonly links = injectBottomBarLinks();
  private readonly path = injectCurrentPath();

  protected readonly items = computed(() =>
    this.links().map((link) => ({ link, active: isActiveLink(link, this.path()) })),
  );
}
