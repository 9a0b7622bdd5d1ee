import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

/** A page's name as the browser's tab shows it: the page, then the product. */
export function pageTitle(page: string | undefined): string {
  return page ? `${page} · Vehicle Parking` : 'Vehicle Parking';
}

/** Every route's `title` plus the product name: what the tab, the history and bookmarks show. */
@Injectable()
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.title.setTitle(pageTitle(this.buildTitle(snapshot)));
  }
}
