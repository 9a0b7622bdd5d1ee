import { ChangeDetectionStrategy, Component, effect, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { pageTitle } from '../core/layout/page-title-strategy';

/**
 * "Not found", in words and with a way back: the page of an unknown address, and what a page shows in
 * its place for something that does not exist (an unknown lot or booking, or a mistyped link to one):
 *
 *   <app-not-found-page heading="Lot not found" message="…" backLink="/lots" backLabel="Find parking" />
 *
 * It names itself in the tab's title too, so the title does not promise what is not there.
 */
@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    <div class="page page-narrow">
      <h1 class="page-title">{{ heading() }}</h1>
      <p>{{ message() }}</p>
      <a mat-flat-button [routerLink]="backLink()">
        <mat-icon aria-hidden="true">arrow_back</mat-icon>{{ backLabel() }}
      </a>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  readonly heading = input('Page not found');
  readonly message = input(
    'There is nothing at this address. The link may be mistyped or out of date.',
  );
  readonly backLink = input<string | unknown[]>('/');
  readonly backLabel = input('Go to the start page');

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(pageTitle(this.heading())));
  }
}
