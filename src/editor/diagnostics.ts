// PLACEHOLDER until its feature lands (replaced by the feature's module).
import type { Services } from './services';

export function registerDiagnostics(_services: Services): void {
  // not built yet
}
