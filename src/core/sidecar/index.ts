export * from './format';
export { hashText, sha256, useNativeSha256, type CreateHash } from './hash';
export { newAnnotationId } from './ids';
export { parseSidecar } from './parse';
export { serializeSidecar, renderEntry } from './serialize';
export { SidecarWriter } from './writer';
export { isPlainSafe, emitScalar } from './scalar';
export { makeAnchor } from '../anchoring/anchor';
export { addRejection, readRejections } from './rejections';
