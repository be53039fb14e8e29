import { Transform } from 'class-transformer';

/** Trims text before it is validated, so that "   " fails a minimum length just as "" does. */
export const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
