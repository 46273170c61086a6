import { CLIENT_ACCESS_RULE_FUNCTIONS } from './client-access-rules.js';
import { CROSS_SERVER_FUNCTIONS } from './cross-server.js';
import { INVENTORY_FUNCTIONS } from './inventory.js';
import { SERVICE_FUNCTIONS } from './services.js';
import type { CollectionFunction } from './types.js';
import { lookupTable } from '../../model/lookup.js';

/** Every named function a rule's `check` may call (the closed set for collection-level rules). */
export const COLLECTION_FUNCTIONS: Readonly<Record<string, CollectionFunction>> = lookupTable({
  ...CLIENT_ACCESS_RULE_FUNCTIONS,
  ...SERVICE_FUNCTIONS,
  ...CROSS_SERVER_FUNCTIONS,
  ...INVENTORY_FUNCTIONS,
});
