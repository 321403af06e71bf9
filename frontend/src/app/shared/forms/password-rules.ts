import { Validators } from '@angular/forms';

/** A new password: what the server accepts (8 to 128 characters). */
export const NEW_PASSWORD_VALIDATORS = [Validators.required, Validators.minLength(8), Validators.maxLength(128)];
