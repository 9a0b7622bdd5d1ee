import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { admin, tokens } from '../../../testing/api-fixtures';
import { AuthStore } from '../auth/auth-store';
import { RememberedVehicles } from './remembered-vehicles';

describe('RememberedVehicles', () => {
  let auth: AuthStore;
  let vehicles: RememberedVehicles;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient()] });
    auth = TestBed.inject(AuthStore);
    vehicles = TestBed.inject(RememberedVehicles);
    auth.start(tokens('a', 'r'));
  });

  it('offers the most recent vehicles first, each once, at most five', () => {
    for (const plate of ['AAA111', 'BBB222', 'AAA111', 'C1', 'D1', 'E1', 'F1'])
      vehicles.remember(plate);
    expect(vehicles.list()).toEqual(['F1', 'E1', 'D1', 'C1', 'AAA111']);
  });

  it("keeps each user's vehicles apart", () => {
    vehicles.remember('DRIVER1');
    auth.start(tokens('a', 'r', admin));
    expect(vehicles.list()).toEqual([]);
    vehicles.remember('ADMIN1');
    expect(vehicles.list()).toEqual(['ADMIN1']);
  });
});
