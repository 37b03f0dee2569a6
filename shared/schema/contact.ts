import { z } from 'zod';
import { EmailSchema, MergedIntoSchema, PhoneSchema, RecordMetaSchema, UlidSchema, UrlSchema, optionalText, shortText } from './primitives';

export const ContactSourceSchema = z.enum(['manual', 'gmail', 'outlook', 'web', 'import']);

export const ContactFieldsSchema = z.strictObject({
  name: shortText(),
  emails: z.array(EmailSchema).max(20),
  phones: z.array(PhoneSchema).max(20),
  title: optionalText(),
  companyId: UlidSchema.nullable(),
  source: ContactSourceSchema,
  sourceUrl: UrlSchema.nullable(),
});
export const ContactSchema = RecordMetaSchema.extend(ContactFieldsSchema.shape).extend(MergedIntoSchema.shape);
export type Contact = z.infer<typeof ContactSchema>;
