import type { ApiPropertyOptions } from '@nestjs/swagger';

/** A payload field and how the gateway's OpenAPI document describes it. */
export interface DocumentedField {
  target: object;
  key: string;
  options: ApiPropertyOptions;
}

const fields: DocumentedField[] = [];

/**
 * Describes a payload field for the API documentation. Contracts record the description here
 * instead of calling @nestjs/swagger's ApiProperty, because loading swagger costs every service
 * ~13 MB of memory and only the gateway publishes the document: it applies these with
 * ApiProperty before building it (http-setup.ts).
 */
export function ApiField(options: ApiPropertyOptions = {}): PropertyDecorator {
  return (target, key) => {
    fields.push({ target, key: String(key), options });
  };
}

export function ApiFieldOptional(options: ApiPropertyOptions = {}): PropertyDecorator {
  return ApiField({ ...options, required: false } as ApiPropertyOptions);
}

export function documentedFields(): readonly DocumentedField[] {
  return fields;
}
