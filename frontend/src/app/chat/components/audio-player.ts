import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * Audio in a message (a voice message or an audio file), played inline with the browser's own controls, which are
 * keyboard usable and named after who sent it. The server serves it with Range, so seeking works.
 */
@Component({
  selector: 'app-audio-player',
  template: `
    <audio
      controls
      preload="metadata"
      [src]="src()"
      [attr.aria-label]="label()"
      [title]="label()"
      class="-mx-1.5 mb-1 block h-10 w-64 max-w-full"
      data-testid="message-audio"
    ></audio>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AudioPlayer {
  readonly src = input.required<string>();
  readonly mine = input(false);
  readonly sender = input('');

  protected readonly label = computed(() =>
    this.mine()
      ? $localize`:@@chat.files.voiceFromMe:Voice message from you`
      : $localize`:@@chat.files.voiceFrom:Voice message from ${this.sender()}:name:`,
  );
}
