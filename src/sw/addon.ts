/**
 * Quire's additions to the generated service worker, loaded by it with importScripts: the share
 * target (POST /share-target, answered offline) and the app badge. Built by vite.config.ts.
 */
import { installBadge, installShareTarget, type WorkerScope } from '../lib/pwa/worker';

const scope = globalThis as unknown as WorkerScope;
installShareTarget(scope);
installBadge(scope);
