import { DOCUMENT, inject, Injectable } from '@angular/core';

/**
 * A short two-note chime made with the Web Audio API (no audio file to ship). Browsers only let a page make sound
 * after the person interacted with it, so the audio context is created on the first click or key press; until
 * then `play()` stays silent instead of filling the console with autoplay warnings.
 */
@Injectable({ providedIn: 'root' })
export class NotificationSound {
  private context: AudioContext | null = null;

  constructor() {
    const unlock = () => {
      try {
        this.context ??= new AudioContext();
        void this.context.resume().catch(() => undefined);
      } catch {
        // No Web Audio here: the chime is a nicety, the unread count still shows.
      }
    };
    if (typeof AudioContext === 'undefined') return;
    for (const event of ['pointerdown', 'keydown']) {
      inject(DOCUMENT).addEventListener(event, unlock, { once: true, capture: true });
    }
  }

  play(): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    const start = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
    gain.connect(context.destination);
    [880, 1318.5].forEach((frequency, index) => {
      const note = context.createOscillator();
      note.type = 'sine';
      note.frequency.value = frequency;
      note.connect(gain);
      note.start(start + index * 0.09);
      note.stop(start + 0.35);
    });
  }
}
