import { z } from 'zod';
import { MergedIntoSchema, PhoneSchema, RecordMetaSchema, UrlSchema, optionalText, shortText } from './primitives';

export const GradeSchema = z.enum(['A', 'B', 'C']);
export type Grade = z.infer<typeof GradeSchema>;

/** Fields a user may write. The company directory is team-wide. */
export const CompanyFieldsSchema = z.strictObject({
  name: shortText(),
  domain: z.string().trim().toLowerCase().max(253).regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain such as example.com').nullable(),
  website: UrlSchema.nullable(),
  phone: PhoneSchema.nullable(),
  address: optionalText(500),
  industry: optionalText(),
  grade: GradeSchema.nullable(),
});
export const CompanySchema = RecordMetaSchema.extend(CompanyFieldsSchema.shape).extend(MergedIntoSchema.shape);
export type Company = z.infer<typeof CompanySchema>;
