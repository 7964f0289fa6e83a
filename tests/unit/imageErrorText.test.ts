import { describe, expect, it } from 'vitest';
import { imageErrorText, imageFailureText } from '../../viewer/cornerstone/imageErrorText';
import { frameOfAnswer } from '../../viewer/loading/frameAnswer';
import { FrameRequestError, frameUnreachableError } from '../../viewer/loading/frameRequestError';

describe('the problem-list text of an image that failed', () => {
  it.each([
    [401, /^image could not be loaded: The PACS did not accept the credentials \(HTTP 401\)/],
    [403, /^image could not be loaded: The PACS refused access to the frame request \(HTTP 403\)/],
    [500, /^image could not be loaded: The PACS had an internal error during the frame request \(HTTP 500\)/],
    [503, /^image could not be loaded: The PACS could not be reached through the proxy \(HTTP 503\)/],
  ])('says a frame answered with HTTP %i was not loaded, in the PACS errors\' words', async (status, text) => {
    const refused = await frameOfAnswer(new Response('no', { status })).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(FrameRequestError);
    expect(imageFailureText(refused)).toMatch(text);
    // cornerstone's IMAGE_LOAD_FAILED detail carries the loader's error in `error`.
    expect(imageFailureText({ imageId: 'wadors:x', error: refused })).toMatch(text);
  });

  it('says a frame that got no answer was not loaded, naming the server', () => {
    const text = imageFailureText(frameUnreachableError('http://pacs.example.org:8042/dicom-web/studies/1/series/2/instances/3/frames/1'));
    expect(text).toBe('image could not be loaded: The PACS at http://pacs.example.org:8042/dicom-web could not be reached: check the address, that the server is running, and that it allows this site.');
  });

  it('keeps "could not be decoded" for what a decoder threw, with its reason', () => {
    expect(imageFailureText(new Error('JPEG-LS: invalid marker'))).toBe('image could not be decoded: JPEG-LS: invalid marker');
    expect(imageFailureText({ error: new Error('bad codestream') })).toBe('image could not be decoded: bad codestream');
    expect(imageFailureText(7)).toBe('image could not be decoded: the compressed pixel data is corrupt or uses an unsupported variant (decoder code 7)');
    expect(imageErrorText({ message: 'plain' })).toBe('plain');
  });
});
