import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthStore } from '../auth/auth-store';

const MAX_REMEMBERED = 5;
const keyFor = (userId: string) => `parking.vehicles.${userId}`;

function read(userId: string): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(keyFor(userId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The signed-in driver's recent vehicle numbers, newest first, offered when booking. Kept in this
 * browser only, per user, so two people sharing a computer do not see each other's plates.
 */
@Injectable({ providedIn: 'root' })
export class RememberedVehicles {
  private readonly auth = inject(AuthStore);
  private readonly changes = signal(0);

  readonly list = computed(() => {
    this.changes();
    const userId = this.auth.user()?.id;
    return userId ? read(userId) : [];
  });

  /** Call with the number the API answered with (already normalised). */
  remember(vehicleNumber: string): void {
    const userId = this.auth.user()?.id;
    if (!userId) return;
    const list = [vehicleNumber, ...read(userId).filter((v) => v !== vehicleNumber)].slice(
      0,
      MAX_REMEMBERED,
    );
    localStorage.setItem(keyFor(userId), JSON.stringify(list));
    this.changes.update((n) => n + 1);
  }
}
