import { Injectable } from '@angular/core';

import type { ChatMessage } from './chat-models';
import { messageKey } from './chat-models';

/**
 * The files of pictures and videos being sent, by message key, kept out of the store (a File is not state) so a
 * failed upload can be retried with the same file, and the preview's object URL freed once the server has it.
 */
@Injectable({ providedIn: 'root' })
export class OutgoingMedia {
  private readonly files = new Map<string, { file: File; previewUrl: string }>();

  keep(key: string, file: File, previewUrl: string): void {
    this.files.set(key, { file, previewUrl });
  }

  file(message: Pick<ChatMessage, 'senderId' | 'clientId'>): File | undefined {
    return this.files.get(messageKey(message))?.file;
  }

  release(message: Pick<ChatMessage, 'senderId' | 'clientId'>): void {
    const key = messageKey(message);
    const entry = this.files.get(key);
    if (!entry) return;
    this.files.delete(key);
    URL.revokeObjectURL(entry.previewUrl);
  }
}
