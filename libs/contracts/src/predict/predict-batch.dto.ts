import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString } from 'class-validator';

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
}
