// @Type reads design-time metadata: load the polyfill wherever this DTO is imported.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';

/** One session to score: its lines' messages in arrival order. */
export class SessionInputDto {
  @IsString({ message: 'key must be a string' })
  @IsNotEmpty({ message: 'key must be a non-empty string' })
  key!: string;

  @IsArray({ message: 'messages must be an array of strings' })
  @ArrayMinSize(1, { message: 'messages must hold at least one message' })
  @ArrayMaxSize(100_000, { message: 'messages must hold at most 100000 messages' })
  @IsString({ each: true, message: 'each of messages must be a string' })
  messages!: string[];

  @IsOptional()
  @IsArray({ message: 'levels must be an array' })
  levels?: (string | null)[];

  /** When each line was logged (the record's own timestamp), lined up with `messages`: the session model judges overdue follow-ups by them. */
  @IsOptional()
  @IsArray({ message: 'timestamps must be an array' })
  @IsISO8601({}, { each: true, message: 'each of timestamps must be an ISO 8601 string' })
  timestamps?: string[];
}

/** Body of ml-api's `POST /predict/sessions`. */
export class PredictSessionsDto {
  @IsArray({ message: 'sessions must be an array' })
  @ArrayMinSize(1, { message: 'sessions must hold at least one session' })
  @ArrayMaxSize(1000, { message: 'sessions must hold at most 1000 sessions' })
  @ValidateNested({ each: true })
  @Type(() => SessionInputDto)
  sessions!: SessionInputDto[];
}

/** ml-api's verdict on one session. */
export interface SessionVerdict {
  readonly key: string;
  readonly is_anomaly: boolean;
  readonly anomaly_score: number;
  readonly prediction: -1 | 1;
  readonly score: number;
  readonly reason: string;
  readonly unseen_templates: string[];
}

/** ml-api's `POST /predict/sessions` answer, in the order sent. */
export interface PredictSessionsResult {
  readonly model_version: string;
  readonly results: SessionVerdict[];
}

/** How the deployed model groups records into sessions (`GET /model` → `sessions`). */
export interface SessionSettings {
  readonly key_pattern: string | null;
  readonly end_pattern: string | null;
  readonly idle_timeout_ms: number;
}
