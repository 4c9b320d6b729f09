import { RecordKind } from '@logad/contracts';
import { RecordFilterDto } from './record-filter.dto';
import { OptionalChoice } from './query-params';

const KINDS: RecordKind[] = ['anomalous', 'normal', 'all'];

/** `GET /api/v1/records`: the filters plus which records. */
export class RecordsQueryDto extends RecordFilterDto {
  @OptionalChoice('kind', KINDS)
  kind?: RecordKind;
}
