import { ANOMALY_KINDS, AnomalyKind } from '@logad/contracts';
import { RecordFilterDto } from './record-filter.dto';
import { OptionalChoice } from './query-params';

/** `GET /api/v1/anomalies`: the filters plus the anomaly kind the detector gave. */
export class AnomaliesQueryDto extends RecordFilterDto {
  @OptionalChoice('kind', ANOMALY_KINDS)
  kind?: AnomalyKind;
}
