/** Told to the other tabs of this app when a study's vertebrae have been written to the browser store. */
export interface StudySavedMessage {
  studyKey: string;
  /** The revision now stored (null: the record was removed). */
  revision: string | null;
  /** The tab that wrote it, so a tab ignores its own messages. */
  tabId: string;
}

/** How tabs tell each other about saves: IndexedDB itself notifies no one. */
export interface StudyChannel {
  post(message: StudySavedMessage): void;
  listen(handler: (message: StudySavedMessage) => void): () => void;
  close(): void;
}

const CHANNEL_NAME = 'vertebral-height-viewer:studies';

function isStudySavedMessage(data: unknown): data is StudySavedMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { studyKey, revision, tabId } = data as Record<string, unknown>;
  return typeof studyKey === 'string' && typeof tabId === 'string' && (revision === null || typeof revision === 'string');
}

/**
 * A BroadcastChannel shared by the app's tabs of one origin; where the browser has none, a channel that tells no one
 * (the revision check of every write still stops a silent overwrite).
 */
export function broadcastStudyChannel(): StudyChannel {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, listen: () => () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    listen: (handler) => {
      const onMessage = (event: MessageEvent<unknown>) => {
        if (isStudySavedMessage(event.data)) handler(event.data);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
    close: () => channel.close(),
  };
}
