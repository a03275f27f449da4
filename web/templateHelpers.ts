// Functions the form templates call: the error message of a field, and the aria-describedby that
// ties an input to its hint and its error.
import type { FormError } from './page';
import { fieldId } from './page';

export function errorFor(errors: FormError[] | undefined, field: string): string | undefined {
  return errors?.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message;
}

export function describedBy(errors: FormError[] | undefined, field: string, hint: string): string {
  const id = fieldId(field);
  const error = errorFor(errors, field);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (ids.length ? ` aria-describedby="${ids.join(' ')}"` : '') + (error ? ' aria-invalid="true"' : '');
}
