import { imageIdOfReference, imageReferenceOf } from '../model/imageReference';
import { getState } from './store';
/** The SOP instance and frame behind one of this session's image ids, among the open instances. */
export function referencedImageOf(imageId) {
    return imageReferenceOf(getState().instances, imageId);
}
/** This session's image id of a referenced SOP instance and frame, among the open instances. */
export function imageIdOf(reference) {
    return imageIdOfReference(getState().instances, reference);
}
