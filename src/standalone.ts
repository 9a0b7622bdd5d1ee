import { bootstrap } from './bootstrap';

/** API and worker in one process: `npm start` for a newcomer. */
void bootstrap('all');
