import { imageIdOfReference, imageReferenceOf, type ImageReference } from '../model/imageReference';
import { getState } from './store';

/** The SOP instance and frame behind one of this session's image ids, among the open instances. */
export function referencedImageOf(imageId: string): ImageReference | null {
  return imageReferenceOf(getState().instances, imageId);
}

/** This session's image id of a referenced SOP instance and frame, among the open instances. */
export function imageIdOf(reference: ImageReference): string | null {
  return imageIdOfReference(getState().instances, reference);
}
