import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { PublicUser } from '@contracts/users';
import { Store } from '@ngrx/store';

import { friendsFeature } from '../../friends/friends-feature';
import { fieldMessages, notBlankValidator } from '../../shared/forms/form-errors';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { FormAlert } from '../../shared/ui/form-alert';
import { Icon } from '../../shared/ui/icon';
import { Input } from '../../shared/ui/input';
import { PictureEditor } from '../../shared/ui/picture-editor';
import { HistorySetting } from '../components/history-setting';
import { MemberPicker } from '../components/member-picker';
import { CreateGroupPageActions, MemberPickerActions } from '../group-actions';
import { groupsFeature } from '../groups-feature';

/** The longest group name (the server's limit). */
export const MAX_GROUP_NAME = 100;

/**
 * /groups/new in the chat page's right pane: a name, an optional picture, whether members added later see earlier
 * messages, and the first members.
 */
@Component({
  selector: 'app-create-group-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    Button,
    Field,
    FormAlert,
    Icon,
    Input,
    PictureEditor,
    HistorySetting,
    MemberPicker,
  ],
  templateUrl: './create-group-page.html',
  host: { class: 'flex min-h-0 flex-1 flex-col' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateGroupPage {
  private readonly store = inject(Store);
  protected readonly candidates = this.store.selectSignal(groupsFeature.selectCandidates);
  protected readonly search = this.store.selectSignal(groupsFeature.selectSearch);
  private readonly directMessages = this.store.selectSignal(friendsFeature.selectDirectMessages);
  protected readonly directory = computed(() => this.directMessages() === 'everyone');
  private readonly isPending = this.store.selectSignal(groupsFeature.selectIsPending);
  protected readonly creating = computed(() => this.isPending()('create'));
  protected readonly progress = this.store.selectSignal(groupsFeature.selectUploadProgress);
  private readonly failure = this.store.selectSignal(groupsFeature.selectError);
  protected readonly alert = computed(() => {
    const failure = this.failure();
    return failure?.task === 'create' ? failure.error.message : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlankValidator, Validators.maxLength(MAX_GROUP_NAME)]],
  });
  protected readonly members = signal<PublicUser[]>([]);
  protected readonly picture = signal<{ file: File; url: string } | null>(null);
  /** "New members see earlier messages", off unless chosen (the server's default too). */
  protected readonly seeHistory = signal(false);
  protected readonly submitted = signal(false);
  protected readonly membersMissing = computed(() => this.submitted() && this.members().length === 0);

  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  constructor() {
    this.store.dispatch(CreateGroupPageActions.opened());
    afterNextRender(() => this.heading().nativeElement.focus());
    inject(DestroyRef).onDestroy(() => this.dropPicture());
  }

  protected nameErrors(): string[] {
    return fieldMessages(this.form.controls.name, this.submitted(), undefined);
  }

  protected searchChanged(query: string): void {
    this.store.dispatch(MemberPickerActions.searchChanged({ query }));
  }

  protected pictureChosen(file: File): void {
    this.dropPicture();
    this.picture.set({ file, url: URL.createObjectURL(file) });
  }

  protected dropPicture(): void {
    const picture = this.picture();
    if (picture) URL.revokeObjectURL(picture.url);
    this.picture.set(null);
  }

  protected submit(): void {
    this.submitted.set(true);
    if (this.form.invalid || this.members().length === 0 || this.creating()) {
      this.form.markAllAsTouched();
      return;
    }
    this.store.dispatch(
      CreateGroupPageActions.submitted({
        name: this.form.controls.name.value.trim(),
        userIds: this.members().map((person) => person.id),
        picture: this.picture()?.file ?? null,
        newMembersSeeHistory: this.seeHistory(),
      }),
    );
  }
}
