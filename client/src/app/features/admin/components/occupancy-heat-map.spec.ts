import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HourOfWeekOccupancyDto } from '../../../api/models';
import { readableText } from '../../../../testing/dom';
import { OccupancyHeatMap } from './occupancy-heat-map';

/** A week as the API sends it, every hour at 1 spot but for the `figures` given by "weekday-hour". */
function week(figures: Record<string, number | null> = {}): HourOfWeekOccupancyDto[] {
  return Array.from({ length: 7 * 24 }, (_, i) => {
    const isoWeekday = Math.floor(i / 24) + 1;
    const hour = i % 24;
    const key = `${isoWeekday}-${hour}`;
    return { isoWeekday, hour, averageOccupiedSpots: key in figures ? figures[key] : 1, hours: 4 };
  });
}

describe('OccupancyHeatMap', () => {
  let fixture: ComponentFixture<OccupancyHeatMap>;
  let map: HTMLElement;

  const cell = (name: RegExp) =>
    [...map.querySelectorAll<HTMLElement>('[role=grid] td[aria-label]')].find((td) =>
      name.test(td.getAttribute('aria-label')!),
    )!;
  const readout = () => readableText(map.querySelector('[data-testid=heat-map-readout]'));
  const press = async (key: string) => {
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await fixture.whenStable();
  };

  async function render(entries: HourOfWeekOccupancyDto[]) {
    fixture = TestBed.createComponent(OccupancyHeatMap);
    fixture.componentRef.setInput('entries', entries);
    map = fixture.nativeElement;
    document.body.appendChild(map); // focus needs the element in the document
    await fixture.whenStable();
  }

  afterEach(() => {
    map.remove();
    fixture.destroy();
  });

  it("has a legend with the colour scale's ends and its unit", async () => {
    await render(week({ '2-14': 1234.56, '5-17': null }));
    const legend = map.querySelector('[data-testid=heat-map-legend]')!;
    expect(readableText(legend)).toBe(
      'Spots occupied on average, all lots: from 0 (lightest) to 1,234.6 (darkest). Hatched: no data',
    );
    expect(readableText(legend.querySelector('[data-testid=heat-map-low]'))).toBe('0');
    expect(readableText(legend.querySelector('[data-testid=heat-map-high]'))).toBe('1,234.6');
  });

  it('writes no text into the cells: each names itself for screen readers', async () => {
    await render(week({ '2-14': 3 }));
    const cells = map.querySelectorAll('[role=grid] tbody td');
    expect(cells).toHaveLength(7 * 24);
    for (const td of cells) expect(td.textContent!.trim()).toBe('');
    expect(cell(/^Tuesday 14:00/).getAttribute('aria-label')).toBe(
      'Tuesday 14:00–15:00: 3 spots occupied on average',
    );
  });

  it('is one tab stop: the first hour at first, then the hour focused last', async () => {
    await render(week());
    const tabStops = () => [...map.querySelectorAll('td[tabindex="0"]')];
    expect(tabStops()).toEqual([cell(/^Monday 00:00/)]);
    cell(/^Friday 09:00/).focus();
    await fixture.whenStable();
    expect(tabStops()).toEqual([cell(/^Friday 09:00/)]);
  });

  it("shows a focused cell's figure, and the arrow keys move to the next hour and day", async () => {
    await render(week({ '2-14': 2.25, '3-14': 0.5, '3-15': null }));
    expect(readout()).toBe('Point at an hour, or tab to the grid, to read its figure.');

    cell(/^Tuesday 14:00/).focus();
    await fixture.whenStable();
    expect(readout()).toBe('Tuesday 14:00–15:00: 2.3 spots occupied on average');

    await press('ArrowDown');
    expect(document.activeElement).toBe(cell(/^Wednesday 14:00/));
    expect(document.activeElement!.getAttribute('aria-label')).toBe(
      'Wednesday 14:00–15:00: 0.5 spots occupied on average',
    );
    expect(readout()).toBe('Wednesday 14:00–15:00: 0.5 spots occupied on average');

    await press('ArrowRight');
    expect(readout()).toBe('Wednesday 15:00–16:00: no data');
    await press('End');
    expect(document.activeElement).toBe(cell(/^Wednesday 23:00/));
    await press('ArrowRight'); // the last hour stays the last
    expect(document.activeElement).toBe(cell(/^Wednesday 23:00/));
    await press('Home');
    await press('ArrowUp');
    expect(document.activeElement).toBe(cell(/^Tuesday 00:00/));

    document.body.focus();
    cell(/^Tuesday 00:00/).blur();
    await fixture.whenStable();
    expect(readout()).toBe('Point at an hour, or tab to the grid, to read its figure.');
  });

  it('shows the figure of the cell pointed at', async () => {
    await render(week({ '7-23': 4 }));
    cell(/^Sunday 23:00/).dispatchEvent(new MouseEvent('mouseenter'));
    await fixture.whenStable();
    expect(readout()).toBe('Sunday 23:00–00:00: 4 spots occupied on average');
    map.querySelector('[role=grid]')!.dispatchEvent(new MouseEvent('mouseleave'));
    await fixture.whenStable();
    expect(readout()).toBe('Point at an hour, or tab to the grid, to read its figure.');
  });
});
