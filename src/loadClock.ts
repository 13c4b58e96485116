/**
 * When the extension's bundle began evaluating its modules. extension.ts imports it first, and
 * modules are evaluated in import order, so everything the bundle evaluates before `activate`
 * (libraries building tables at load, for one) counts towards the API's `loadMs`.
 */
export const loadStarted = performance.now();
