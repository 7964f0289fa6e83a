const CHANNEL_NAME = 'vertebral-height-viewer:studies';
function isStudySavedMessage(data) {
    if (typeof data !== 'object' || data === null)
        return false;
    const { studyKey, revision, tabId } = data;
    return typeof studyKey === 'string' && typeof tabId === 'string' && (revision === null || typeof revision === 'string');
}
/**
 * A BroadcastChannel shared by the app's tabs of one origin; where the browser has none, a channel that tells no one
 * (the revision check of every write still stops a silent overwrite).
 */
export function broadcastStudyChannel() {
    if (typeof BroadcastChannel === 'undefined')
        return { post: () => undefined, listen: () => () => undefined, close: () => undefined };
    const channel = new BroadcastChannel(CHANNEL_NAME);
    return {
        post: (message) => channel.postMessage(message),
        listen: (handler) => {
            const onMessage = (event) => {
                if (isStudySavedMessage(event.data))
                    handler(event.data);
            };
            channel.addEventListener('message', onMessage);
            return () => channel.removeEventListener('message', onMessage);
        },
        close: () => channel.close(),
    };
}
