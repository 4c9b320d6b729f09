import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, ValidateBy } from 'class-validator';

/** Most messages in one `POST /predict/batch`. */
export const MAX_PREDICT_BATCH = 10_000;

/** Body of ml-api's `POST /predict/batch`. */
export class PredictBatchDto {
  @IsArray({ message: 'messages must be an array of strings' })
  @ArrayMinSize(1, { message: 'messages must hold at least one message' })
  @ArrayMaxSize(MAX_PREDICT_BATCH, { message: `messages must hold at most ${MAX_PREDICT_BATCH} messages` })
  @IsString({ each: true, message: 'each of messages must be a non-empty string' })
  @IsNotEmpty({ each: true, message: 'each of messages must be a non-empty string' })
  messages!: string[];

  /** Optional level of each message (same length as `messages`; null where unknown). */
  @IsOptional()
  @ValidateBy({
    name: 'levelsLineUp',
    validator: {
      validate: (v: unknown, args) =>
        Array.isArray(v) &&
        v.length === ((args?.object as { messages?: unknown[] }).messages?.length ?? -1) &&
        v.every((l) => l === null || typeof l === 'string'),
      defaultMessage: () => 'levels must be an array of strings or nulls, as long as messages',
    },
  })
  levels?: (string | null)[];

  /** Answer only what a worker stores (no `top_features`): a smaller, faster answer for bulk scoring. */
  @IsOptional()
  @IsBoolean({ message: 'compact must be a boolean' })
  compact?: boolean;
}
