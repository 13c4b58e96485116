/** Comparing the anchors EditTracker hands out: what counts as the same anchor and which status one gets. */
import type { Anchor, AnchorStatus } from '../model';
import type { TrackedSpan } from './spanMapping';

export type Trackable = Anchor & { id: string; status?: AnchorStatus };

export const sameStatus = (a: AnchorStatus | undefined, b: AnchorStatus | undefined) => (a === 'exact' ? undefined : a) === (b === 'exact' ? undefined : b);

/** The status an annotation tracked at `span` gets when anchored again: moved once clipped, or when the sidecar says so. */
export function statusOf(span: TrackedSpan, src: Trackable): AnchorStatus | undefined {
  return span.clipped || src.status === 'moved' ? 'moved' : undefined;
}

export function sameAnchor(a: Trackable, b: Trackable): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text && a.prefix === b.prefix && a.suffix === b.suffix && sameStatus(a.status, b.status);
}
