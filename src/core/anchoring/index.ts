export { makeAnchor, DEFAULT_CONTEXT_LENGTH } from './anchor';
export { reanchor, DEFAULT_THRESHOLD, MIN_QUOTE_SIMILARITY, MIN_CONTEXT_SCORE, FUZZY_WINDOW, type ReanchorOptions, type ReanchorResult } from './reanchor';
export { EditTracker, type ContentChange, type EditTrackerOptions, type TrackResult } from './editTracking';
export { textFingerprint } from '../text/fingerprint';
export { applyChanges, changedRegion, mapSpan, type TrackedSpan, type SpanEffect } from './spanMapping';
