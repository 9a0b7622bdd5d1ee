import { Injectable } from '@nestjs/common';

/**
 * Whether this process wants new traffic (R-OPS-4). On SIGTERM it stops wanting it first, while it still
 * serves every request, so a load balancer polling /api/health/ready routes elsewhere before the server
 * stops accepting connections.
 */
@Injectable()
export class Readiness {
  private draining = false;

  get isReady(): boolean {
    return !this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
