import { ID_PATTERN } from '@logad/contracts';
import { Rule } from './query-params';

/** The `:id` of `GET /api/v1/records/:id/around`: ids are what ingest hands out or accepts. */
export class RecordIdParamDto {
  @Rule(
    'isRecordId',
    'id must be a record id (letters, digits and . _ : -, at most 128)',
    (v) => typeof v === 'string' && v.length <= 128 && ID_PATTERN.test(v),
  )
  id!: string;
}
