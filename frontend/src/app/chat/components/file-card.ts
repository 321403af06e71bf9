import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { MediaView } from '@contracts/messages';

import { Icon } from '../../shared/ui/icon';
import { fileSize } from '../attachment';

type FileFamily = 'pdf' | 'text-document' | 'spreadsheet' | 'presentation' | 'archive' | 'text' | 'other';

/** The family of a document by its type (the server's, read from the content; the browser's while uploading). */
export function fileFamily(mime: string): FileFamily {
  if (mime === 'application/pdf') return 'pdf';
  if (/wordprocessingml|msword|opendocument\.text/.test(mime)) return 'text-document';
  if (/spreadsheetml|ms-excel|opendocument\.spreadsheet|text\/csv/.test(mime)) return 'spreadsheet';
  if (/presentationml|ms-powerpoint|opendocument\.presentation/.test(mime)) return 'presentation';
  if (/zip/.test(mime)) return 'archive';
  if (mime.startsWith('text/')) return 'text';
  return 'other';
}

/** The badge on the icon, and its colour (white text on these keeps AA contrast). */
const BADGES: Record<FileFamily, { label: string; color: string }> = {
  pdf: { label: 'PDF', color: 'bg-red-700' },
  'text-document': { label: 'DOC', color: 'bg-blue-700' },
  spreadsheet: { label: 'XLS', color: 'bg-green-700' },
  presentation: { label: 'PPT', color: 'bg-orange-700' },
  archive: { label: 'ZIP', color: 'bg-amber-800' },
  text: { label: 'TXT', color: 'bg-zinc-600' },
  other: { label: '', color: 'bg-zinc-600' },
};

function familyName(family: FileFamily): string {
  switch (family) {
    case 'pdf':
      return $localize`:@@chat.files.type.pdf:PDF document`;
    case 'text-document':
      return $localize`:@@chat.files.type.textDocument:Text document`;
    case 'spreadsheet':
      return $localize`:@@chat.files.type.spreadsheet:Spreadsheet`;
    case 'presentation':
      return $localize`:@@chat.files.type.presentation:Presentation`;
    case 'archive':
      return $localize`:@@chat.files.type.archive:ZIP archive`;
    case 'text':
      return $localize`:@@chat.files.type.text:Text file`;
    case 'other':
      return $localize`:@@chat.files.type.other:File`;
  }
}

/**
 * A document in a message: an icon by its type, its name (for display only: the server names the download by the
 * type it found), type and size, and a Download link. The server serves it as an attachment, never inline.
 */
@Component({
  selector: 'app-file-card',
  imports: [Icon],
  template: `
    <div
      class="-mx-1.5 mb-1 flex w-72 max-w-full items-center gap-3 rounded-xl bg-black/10 p-2.5"
      data-testid="file-card"
    >
      <span class="relative shrink-0">
        <svg appIcon="document" class="size-10 opacity-80"></svg>
        @if (badge().label) {
          <span
            class="absolute bottom-1 left-1/2 -translate-x-1/2 rounded px-1 text-[0.625rem] leading-4 font-bold text-white"
            [class]="badge().color"
            aria-hidden="true"
            >{{ badge().label }}</span
          >
        }
      </span>
      <span class="min-w-0 flex-1">
        <span class="block truncate font-medium" [title]="name()" data-testid="file-name">{{ name() }}</span>
        <span class="block text-xs"
          >{{ typeName() }} · <span class="whitespace-nowrap">{{ size() }}</span></span
        >
      </span>
      <a
        [href]="media().url"
        [attr.download]="name()"
        class="inline-flex size-10 shrink-0 items-center justify-center rounded-full hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-current"
        [attr.aria-label]="downloadLabel()"
        [title]="downloadLabel()"
        data-testid="file-download"
      >
        <svg appIcon="download" class="size-5"></svg>
      </a>
    </div>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FileCard {
  readonly media = input.required<MediaView>();

  private readonly locale = inject(LOCALE_ID);
  private readonly family = computed(() => fileFamily(this.media().mime));
  protected readonly badge = computed(() => BADGES[this.family()]);
  protected readonly typeName = computed(() => familyName(this.family()));
  protected readonly name = computed(() => this.media().name || this.typeName());
  protected readonly size = computed(() => fileSize(this.media().size, this.locale));
  protected readonly downloadLabel = computed(() => $localize`:@@chat.files.download:Download ${this.name()}:name:`);
}
