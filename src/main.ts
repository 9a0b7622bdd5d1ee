import { bootstrap } from './bootstrap';

/** The API process: HTTP only. */
void bootstrap('api');
