import type { Query, Schema, UpdateQuery } from 'mongoose';

import { termsOf } from './search-terms';

interface WithText {
  text?: string | null;
  kind?: string;
  searchTerms?: string[];
}

/**
 * Keeps a message's `searchTerms` in step with its text on every write through the Message model: a new message
 * (save, insertMany), an edit or a deletion (updates that set `text`). Writes straight to the collection skip it;
 * the start-up backfill (SearchTermsBackfill) covers what was stored before this existed.
 */
export function searchTermsPlugin(schema: Schema): void {
  schema.pre('save', function (this: WithText & { isModified(path: string): boolean; isNew: boolean }) {
    if (this.isNew || this.isModified('text')) this.searchTerms = termsOf(this.text);
  });
  schema.pre('insertMany', function (next: () => void, docs: WithText | WithText[]) {
    for (const doc of Array.isArray(docs) ? docs : [docs]) doc.searchTerms = termsOf(doc.text);
    next();
  });
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function (this: Query<unknown, WithText>) {
    const update = this.getUpdate() as UpdateQuery<WithText> | null;
    if (!update || Array.isArray(update)) return;
    for (const key of ['$set', '$setOnInsert'] as const) {
      const fields = update[key] as WithText | undefined;
      if (fields && 'text' in fields) fields.searchTerms = termsOf(fields.text);
    }
    if ('text' in update) (update as WithText).searchTerms = termsOf((update as WithText).text);
  });
}
