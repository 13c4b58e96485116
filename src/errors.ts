import type { WriteOutcome } from './workspace/outcome';

/**
 * The one error convention of the VS Code layer. A command that cannot do what was asked throws
 * `CannotAct` with a sentence for the person; the guarded command wrapper (features/commands.ts)
 * shows it as a warning. Anything else thrown is a bug and is shown and logged as an error.
 */
export class CannotAct extends Error {}

/** The person dismissed a prompt: nothing to say. */
export class Cancelled extends CannotAct {
  constructor() {
    super('cancelled');
  }
}

/** A refused write becomes a `CannotAct` carrying its reason's message. */
export function check<T extends WriteOutcome<object>>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new CannotAct(outcome.message);
  return outcome as Extract<T, { ok: true }>;
}
