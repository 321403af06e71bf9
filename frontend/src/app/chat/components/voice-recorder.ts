import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';

/** Opus in WebM: what Chromium and Firefox record; the server takes WebM without a video track as audio. */
const PREFERRED_TYPE = 'audio/webm;codecs=opus';

/** "0:05", "12:34". */
export function elapsedLabel(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Why recording could not start, in the person's words. */
export function recordingProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return $localize`:@@chat.files.micDenied:The browser does not allow the microphone here. Allow it in the site settings (the icon next to the address) and try again.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return $localize`:@@chat.files.noMic:No microphone was found.`;
  }
  if (name === 'NotSupportedError') {
    return $localize`:@@chat.files.recordingUnsupported:This browser cannot record voice messages.`;
  }
  return $localize`:@@chat.files.micFailed:The microphone could not be started.`;
}

/**
 * A voice message: the microphone button starts recording (MediaRecorder); while it records, the elapsed time,
 * Cancel and Send are shown (Escape cancels) and focus is on Send. The recording leaves as a WebM audio file.
 */
@Component({
  selector: 'app-voice-recorder',
  imports: [Button, Icon],
  template: `
    @if (state() === 'idle' || state() === 'starting') {
      <button
        #start
        appButton
        type="button"
        variant="quiet"
        size="icon"
        aria-label="Record a voice message"
        i18n-aria-label="@@chat.files.record"
        title="Record a voice message"
        i18n-title="@@chat.files.recordTitle"
        [disabled]="disabled() || state() === 'starting'"
        (click)="record()"
        data-testid="voice-record"
      >
        <svg appIcon="mic" class="size-5"></svg>
      </button>
    } @else {
      <div
        role="group"
        aria-label="Voice message"
        i18n-aria-label="@@chat.files.recordingGroup"
        class="flex min-h-10 flex-1 items-center gap-2 rounded-2xl border border-red-300 bg-red-50 py-1 pr-1 pl-3.5 text-sm text-zinc-900 dark:border-red-800 dark:bg-red-950/40 dark:text-zinc-100"
        (keydown.escape)="cancel()"
        data-testid="voice-recording"
      >
        <span class="size-2.5 shrink-0 animate-pulse rounded-full bg-red-600 motion-reduce:animate-none"></span>
        <span role="status" class="sr-only whitespace-nowrap sm:not-sr-only" i18n="@@chat.files.recording"
          >Recording</span
        >
        <span class="tabular-nums" role="timer" data-testid="voice-elapsed">{{ elapsed() }}</span>
        <span class="flex-1"></span>
        <button
          appButton
          type="button"
          variant="ghost"
          size="sm"
          (click)="cancel()"
          i18n="@@chat.files.cancelRecording"
        >
          Cancel
        </button>
        <button
          #send
          appButton
          type="button"
          size="sm"
          (click)="finish()"
          aria-label="Send voice message"
          i18n-aria-label="@@chat.files.sendRecording"
          data-testid="voice-send"
        >
          <svg appIcon="send" class="size-4"></svg>
          <span i18n="@@chat.files.sendRecordingShort">Send</span>
        </button>
      </div>
    }
  `,
  host: { '[class]': "state() === 'recording' ? 'flex min-w-0 flex-1' : 'contents'" },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VoiceRecorder {
  readonly disabled = input(false);
  /** The finished recording, to send. */
  readonly recorded = output<File>();
  /** Why recording could not start; null when it did. */
  readonly problem = output<string | null>();

  readonly state = signal<'idle' | 'starting' | 'recording'>('idle');
  private readonly elapsedMs = signal(0);
  protected readonly elapsed = computed(() => elapsedLabel(this.elapsedMs()));

  private readonly injector = inject(Injector);
  private readonly startButton = viewChild<string, ElementRef<HTMLButtonElement>>('start', { read: ElementRef });
  private readonly sendButton = viewChild<string, ElementRef<HTMLButtonElement>>('send', { read: ElementRef });
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  protected async record(): Promise<void> {
    if (this.state() !== 'idle') return;
    this.problem.emit(null);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this.problem.emit(recordingProblem(new DOMException('', 'NotSupportedError')));
      return;
    }
    this.state.set('starting');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const options = MediaRecorder.isTypeSupported(PREFERRED_TYPE) ? { mimeType: PREFERRED_TYPE } : undefined;
      this.recorder = new MediaRecorder(this.stream, options);
    } catch (error) {
      this.stop();
      this.problem.emit(recordingProblem(error));
      this.afterRender(() => this.startButton()?.nativeElement.focus());
      return;
    }
    const recorder = this.recorder;
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    recorder.onstop = () => {
      const type = (recorder.mimeType || PREFERRED_TYPE).split(';')[0];
      this.recorded.emit(new File(chunks, `voice-message.${type === 'audio/ogg' ? 'ogg' : 'webm'}`, { type }));
    };
    recorder.start();
    const startedAt = Date.now();
    this.elapsedMs.set(0);
    this.timer = setInterval(() => this.elapsedMs.set(Date.now() - startedAt), 250);
    this.state.set('recording');
    this.afterRender(() => this.sendButton()?.nativeElement.focus());
  }

  /** Stops and sends what was recorded. */
  protected finish(): void {
    const recorder = this.recorder;
    this.recorder = null;
    recorder?.stop();
    this.stop();
    this.afterRender(() => this.startButton()?.nativeElement.focus());
  }

  /** Stops and throws the recording away. */
  cancel(): void {
    if (this.state() === 'idle') return;
    this.stop();
    this.afterRender(() => this.startButton()?.nativeElement.focus());
  }

  /** Releases the microphone; a recorder still set here is dropped without a recording. */
  private stop(): void {
    if (this.recorder) {
      this.recorder.onstop = null;
      if (this.recorder.state !== 'inactive') this.recorder.stop();
      this.recorder = null;
    }
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    clearInterval(this.timer);
    this.state.set('idle');
  }

  private afterRender(callback: () => void): void {
    afterNextRender(callback, { injector: this.injector });
  }
}
