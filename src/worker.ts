import { bootstrap } from './bootstrap';

/** The worker process: queue processors and schedules, no HTTP. */
void bootstrap('worker');
