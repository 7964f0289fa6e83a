/**
 * Another tab wrote a study this tab shows. 'updated': this tab had no unsaved change and now shows the other tab's
 * vertebrae (`count` of them). 'conflict': this tab has a change the other tab's write would lose (or a blinded
 * repeat reading of the study under way); nothing of the study is written from this tab until the reader chooses,
 * and `count` is how many vertebrae the other tab saved.
 */
export interface StudySyncNotice {
  studyKey: string;
  kind: 'updated' | 'conflict';
  count: number;
}
