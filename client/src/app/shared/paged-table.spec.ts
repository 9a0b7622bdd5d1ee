import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatTableModule } from '@angular/material/table';
import { PagedTable } from './paged-table';
import { createPaging } from './paging';

interface Row {
  id: string;
  name: string;
}

@Component({
  imports: [MatTableModule, PagedTable],
  template: `
    <app-paged-table
      [query]="{ value: page, loading: loading }"
      [paging]="paging"
      [columns]="['name', 'id']"
      label="Lots"
      emptyText="No lot matches."
      rowTestId="lot-row"
    >
      <ng-container matColumnDef="id">
        <th mat-header-cell *matHeaderCellDef>Id</th>
        <td mat-cell *matCellDef="let row">{{ row.id }}</td>
      </ng-container>
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>Name</th>
        <td mat-cell *matCellDef="let row">{{ row.name }}</td>
      </ng-container>
    </app-paged-table>
  `,
})
class Host {
  readonly page = signal<
    { items: Row[]; total: number; page: number; pageSize: number } | undefined
  >(undefined);
  readonly loading = signal(false);
  readonly paging = createPaging(25);
}

describe('PagedTable', () => {
  let fixture: ComponentFixture<Host>;
  let element: HTMLElement;
  const cells = (selector: string) =>
    [...element.querySelectorAll(selector)].map((cell) => cell.textContent!.trim());

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  it('shows the columns the page defines, in the order it names them', async () => {
    fixture.componentInstance.page.set({
      items: [
        { id: 'a', name: 'Central' },
        { id: 'b', name: 'North' },
      ],
      total: 60,
      page: 2,
      pageSize: 25,
    });
    await fixture.whenStable();
    expect(cells('th')).toEqual(['Name', 'Id']);
    expect(cells('[data-testid=lot-row] td')).toEqual(['Central', 'a', 'North', 'b']);
    expect(element.querySelector('table')!.getAttribute('aria-label')).toBe('Lots');
    expect(element.querySelector('mat-paginator')!.getAttribute('aria-label')).toBe(
      'Pages of lots',
    );
    expect(element.textContent).toContain('26 – 50 of 60');
  });

  it('says when nothing matches, but not while the first page is still on its way', async () => {
    fixture.componentInstance.loading.set(true);
    await fixture.whenStable();
    expect(element.querySelector('mat-progress-bar')!.getAttribute('aria-label')).toBe(
      'Loading lots',
    );
    expect(element.textContent).not.toContain('No lot matches.');
    fixture.componentInstance.loading.set(false);
    fixture.componentInstance.page.set({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(element.textContent).toContain('No lot matches.');
  });

  it('turns the page through the paging it was given', async () => {
    fixture.componentInstance.page.set({
      items: [{ id: 'a', name: 'Central' }],
      total: 60,
      page: 1,
      pageSize: 25,
    });
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click();
    expect(fixture.componentInstance.paging.page()).toBe(2);
  });
});
